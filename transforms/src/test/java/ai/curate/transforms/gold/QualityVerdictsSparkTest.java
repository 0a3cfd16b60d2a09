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
        new Verdict(DATE, "episode", "ep-1", false, true),
        new Verdict(DATE, "episode", "ep-2", true, false),
        new Verdict(DATE, "clip", "clip-1", false, false));
    Dataset<Row> report = QualityFixtures.report(spark(), v)
        .unionByName(QualityFixtures.report(spark(), List.of(new Verdict(DATE, "session", "s-9", false, false))));
    List<Object[]> got = rowsToJava(QualityVerdicts.of(report, QualityFixtures.quarantine(spark(), v))
        .orderBy("source", "episode_id").collectAsList());

    Map<String, Double> ep1Scores = new java.util.LinkedHashMap<>();
    ep1Scores.put("coverage", 0.99);
    ep1Scores.put("idle_fraction", 0.4);
    ep1Scores.put("structural_has_steps", null);
    assertThat(got).hasSize(3);
    assertThat(got.get(0)).containsExactly("fleet", "ep-1", true, ep1Scores, List.of("idle_fraction"), 3);
    assertThat(got.get(1)[0]).isEqualTo("fleet");
    assertThat(got.get(1)[1]).isEqualTo("ep-2");
    assertThat(got.get(1)[2]).isEqualTo(false);
    assertThat(got.get(2)[0]).isEqualTo("human");
    assertThat(got.get(2)[1]).isEqualTo("clip-1");
    assertThat(got.get(2)[2]).isEqualTo(true);
    assertThat(got.get(2)[4]).isEqualTo(List.of());
  }

  @Test
  void aReportWithoutTheColumnsPublishReadsIsRejectedNamingThem() {
    Dataset<Row> report = QualityFixtures.report(spark(), List.of()).drop("severity");
    assertThatThrownBy(() -> QualityVerdicts.of(report, QualityFixtures.quarantine(spark(), List.of())))
        .isInstanceOf(SilverSchemaException.class)
        .hasMessageContaining("gold.quality_report lacks columns [severity]");
  }
}
