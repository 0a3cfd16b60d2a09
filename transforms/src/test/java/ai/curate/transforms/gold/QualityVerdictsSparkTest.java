package ai.curate.transforms.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.testing.SparkTestBase;
import ai.curate.transforms.gold.QualityFixtures.Verdict;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

class QualityVerdictsSparkTest extends SparkTestBase {
  private static final LocalDate DATE = LocalDate.of(2026, 1, 15);

  @Test
  void passedMeansScoredAndNotQuarantinedWithScoresAndWarningsPerEntity() {
    List<Verdict> v = List.of(
        Verdict.episode(DATE, "neo-0001", "s-1", "ep-1", false, true),
        Verdict.episode(DATE, "neo-0001", "s-1", "ep-2", true, false),
        Verdict.clip(DATE, "dexsuite", "clip-1", false, false));
    Dataset<Row> report = QualityFixtures.report(spark(), v)
        .unionByName(QualityFixtures.report(spark(),
            List.of(new Verdict(DATE, "session", "s-9", false, false, "neo-0001", null, null))));
    List<Object[]> got = rowsToJava(QualityVerdicts.of(report, QualityFixtures.quarantine(spark(), v))
        .orderBy("source", "episode_id").collectAsList());

    Map<String, Double> ep1Scores = new java.util.LinkedHashMap<>();
    ep1Scores.put("coverage", 0.99);
    ep1Scores.put("idle_fraction", 0.4);
    ep1Scores.put("structural_has_steps", null);
    assertThat(got).hasSize(3);
    assertThat(got.get(0)).containsExactly("fleet", "ep-1", true, ep1Scores, List.of("idle_fraction"), 3, "neo-0001",
        "s-1", null);
    assertThat(got.get(1)[0]).isEqualTo("fleet");
    assertThat(got.get(1)[1]).isEqualTo("ep-2");
    assertThat(got.get(1)[2]).isEqualTo(false);
    assertThat(got.get(2)[0]).isEqualTo("human");
    assertThat(got.get(2)[1]).isEqualTo("clip-1");
    assertThat(got.get(2)[2]).isEqualTo(true);
    assertThat(got.get(2)[4]).isEqualTo(List.of());
  }

  /**
   * Episode ids repeat across sessions and robots, clip ids across datasets: each (robot, session, episode) and
   * (dataset, clip) is its own verdict; a quarantine of one does not hold back, nor pass, another of the same id.
   */
  @Test
  void entitiesSharingAnIdInOtherSessionsRobotsOrDatasetsGetTheirOwnVerdicts() {
    List<Verdict> v = List.of(
        Verdict.episode(DATE, "neo-0001", "s-1", "e001", false, false),
        Verdict.episode(DATE, "neo-0001", "s-2", "e001", true, false),
        Verdict.episode(DATE, "neo-0002", "s-1", "e001", false, true),
        Verdict.clip(DATE, "dexsuite", "clip-1", false, false),
        Verdict.clip(DATE, "other", "clip-1", true, false));
    List<Object[]> got = rowsToJava(QualityVerdicts.of(QualityFixtures.report(spark(), v),
        QualityFixtures.quarantine(spark(), v))
        .orderBy("source", "episode_id", "robot_id", "session_id", "dataset")
        .select("source", "robot_id", "session_id", "dataset", "episode_id", "passed", "quality_warnings",
            "quality_rules_evaluated")
        .collectAsList());
    assertRows("one verdict per whole identity", rows(
        row("fleet", "neo-0001", "s-1", null, "e001", true, List.of(), 3),
        row("fleet", "neo-0001", "s-2", null, "e001", false, List.of(), 3),
        row("fleet", "neo-0002", "s-1", null, "e001", true, List.of("idle_fraction"), 3),
        row("human", null, null, "dexsuite", "clip-1", true, List.of(), 3),
        row("human", null, null, "other", "clip-1", false, List.of(), 3)), got);
  }

  @Test
  void aReportWithoutTheColumnsPublishReadsIsRejectedNamingThem() {
    Dataset<Row> report = QualityFixtures.report(spark(), List.of()).drop("severity");
    assertThatThrownBy(() -> QualityVerdicts.of(report, QualityFixtures.quarantine(spark(), List.of())))
        .isInstanceOf(SilverSchemaException.class)
        .hasMessageContaining("gold.quality_report lacks columns [severity]");
  }

  @Test
  void qualityTablesWrittenBeforeEntitiesHadTheirIdentityAreRejectedAskingForAQualityRerun() {
    Dataset<Row> report = QualityFixtures.report(spark(), List.of()).drop("robot_id", "session_id", "dataset");
    assertThatThrownBy(() -> QualityVerdicts.of(report, QualityFixtures.quarantine(spark(), List.of())))
        .isInstanceOf(SilverSchemaException.class)
        .hasMessageContaining("gold.quality_report lacks columns [robot_id, session_id, dataset]")
        .hasMessageContaining("rerun the quality stage");
  }
}
