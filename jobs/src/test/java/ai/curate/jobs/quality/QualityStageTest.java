package ai.curate.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.errors.UserError;
import ai.curate.jobs.sample.FaultKind;
import ai.curate.jobs.sample.PlantedFault;
import ai.curate.jobs.sample.SampleFixture;
import ai.curate.jobs.sample.SampleReport;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import ai.curate.testing.SparkTestBase;
import ai.curate.transforms.gold.QualityVerdicts;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * The quality stage on the faulty sample after the real ingest-fleet, ingest-human and align: every planted defect
 * lands its episode or clip in gold.quarantine with the right rule, nothing clean is held back, and every episode
 * and clip is passed or quarantined exactly once.
 */
class QualityStageTest extends SparkTestBase {

  /** Faults that damage a whole stream or video of a session: every episode of the session is affected. */
  private static final Map<FaultKind, String> SESSION_WIDE = Map.of(
      FaultKind.STREAM_MISSING, "_coverage",
      FaultKind.ARROW_CORRUPT, "_coverage",
      FaultKind.LIST_WIDTH_MISMATCH, "_coverage",
      FaultKind.VIDEO_CORRUPT, "camera_frame_drops",
      FaultKind.VIDEO_TRUNCATED, "camera_frame_drops");

  private QualityPipeline pipeline() {
    return QualityPipeline.get(spark());
  }

  private StageResult runQuality(String runId, String... overrides) {
    return new QualityStage().run(pipeline().context(spark(), List.of(overrides), runId));
  }

  @Test
  void everyPlantedDefectIsQuarantinedByItsRuleAndNothingCleanIsHeldBack() {
    QualityPipeline p = pipeline();
    StageResult result = runQuality("run-q1", "quality.human_rules=" + p.humanRulesWithoutRetargeting());
    SampleReport sample = p.sample;
    Map<String, Set<String>> quarantined = quarantine();

    // Row-level faults and clip faults: the named entity, with the rule the fault list names.
    for (PlantedFault f : sample.faults()) {
      if (f.kind().expectedQualityRule == null) {
        continue;
      }
      String entity = f.kind().target == FaultKind.Target.FLEET ? f.episodeId() : f.clipId();
      assertThat(quarantined).as("%s (%s) quarantined", entity, f.kind().id).containsKey(entity);
      assertThat(quarantined.get(entity)).as("reasons of %s (%s)", entity, f.kind().id)
          .contains(f.kind().expectedQualityRule);
    }

    // Whole-stream faults: every episode of the session, for the damaged stream or camera.
    Set<String> affected = new HashSet<>();
    for (PlantedFault f : sample.faults()) {
      if (f.episodeId() != null) {
        affected.add(f.episodeId());
      }
      if (f.clipId() != null) {
        affected.add(f.clipId());
      }
      String suffix = SESSION_WIDE.get(f.kind());
      if (suffix == null && f.kind() != FaultKind.ARROW_TRUNCATED) {
        continue;
      }
      List<String> episodes = episodesOf(f.sessionId());
      affected.addAll(episodes);
      if (suffix == null) {
        // Cut part-way: only the episodes after the cut lack the stream.
        assertThat(episodes).as("some episode of %s lacks %s", f.sessionId(), f.stream())
            .anyMatch(e -> quarantined.getOrDefault(e, Set.of()).contains(f.stream() + "_coverage"));
        continue;
      }
      String rule = suffix.startsWith("_") ? f.stream() + suffix : suffix;
      assertThat(episodes).as("episodes of %s", f.sessionId()).isNotEmpty();
      for (String e : episodes) {
        assertThat(quarantined.getOrDefault(e, Set.of())).as("%s of session %s (%s)", e, f.sessionId(), f.kind().id)
            .contains(rule);
      }
    }

    // Nothing clean is held back; every clean episode and clip is in the pass list.
    Set<String> unexpected = new TreeSet<>(quarantined.keySet());
    unexpected.removeAll(affected);
    assertThat(unexpected).as("quarantined but not affected by any planted fault: %s", reasons(unexpected)).isEmpty();
    // Stream gaps: the planted joint-state dropout is named by its gap rule as well; nothing else raises a gap
    // finding, not even a warning (clean streams leave no step without a value inside an episode).
    for (PlantedFault f : sample.faults()) {
      if (f.kind() == FaultKind.TIMESTAMP_GAP) {
        assertThat(quarantined.get(f.episodeId())).as("reasons of %s", f.episodeId()).contains("joint_state_long_gap");
      }
    }
    Set<String> gapFindings = new TreeSet<>(read(Tables.QUALITY_REPORT)
        .where("array_contains(tags, 'gap') AND NOT passed").select("entity_id").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).toList());
    gapFindings.removeAll(affected);
    assertThat(gapFindings).as("gap findings on episodes no fault touches").isEmpty();

    Set<String> passed = ids(read(Tables.QUALITY_PASS));
    List<String> clean = new java.util.ArrayList<>();
    Set<String> aligned = new HashSet<>(read(Tables.ROBOT_EPISODES).select("episode_id").collectAsList().stream()
        .map(r -> r.getString(0)).toList());
    for (SampleReport.SessionSummary s : sample.sessions()) {
      // A clean session's episodes all; a faulty session's those it has and no fault touches (an unreadable
      // session is in the ingest ledger, its episodes unknown).
      s.episodeIds().stream().filter(e -> s.clean() ? true : aligned.contains(e) && !affected.contains(e))
          .forEach(clean::add);
    }
    sample.clips().stream().filter(SampleReport.ClipSummary::clean).forEach(c -> clean.add(c.clipId()));
    assertThat(clean).as("clean episodes and clips exist").anyMatch(e -> e.startsWith("clip-"))
        .anyMatch(e -> !e.startsWith("clip-"));
    assertThat(passed).containsAll(clean);

    // Reconciliation: inputs = passed + quarantined, each entity once, in the stage's counts and in the tables.
    long episodesIn = read(Tables.ROBOT_EPISODES).count();
    long clipsIn = read(Tables.HUMAN_CLIPS).count();
    assertThat(result.counts()).containsEntry("episodes_in", episodesIn).containsEntry("clips_in", clipsIn)
        .containsEntry("passed", (long) passed.size()).containsEntry("quarantined", (long) quarantined.size());
    assertThat(passed.size() + quarantined.size()).isEqualTo(episodesIn + clipsIn);
    assertThat(passed).doesNotContainAnyElementsOf(quarantined.keySet());
    assertThat(result.counts().get("episodes_passed") + result.counts().get("episodes_quarantined"))
        .isEqualTo(episodesIn);
    assertThat(result.counts().get("clips_passed") + result.counts().get("clips_quarantined")).isEqualTo(clipsIn);

    // Publish's reader accepts the report and the quarantine and agrees on who passed.
    Dataset<Row> verdicts = QualityVerdicts.of(read(Tables.QUALITY_REPORT), read(Tables.QUARANTINE));
    assertThat(ids(verdicts.where("passed").selectExpr("episode_id AS entity_id"))).isEqualTo(passed);
    assertThat(ids(verdicts.where("NOT passed").selectExpr("episode_id AS entity_id")))
        .isEqualTo(quarantined.keySet());

    // Report: one row per entity and rule, run id on every row; messages exactly on failures.
    Dataset<Row> report = read(Tables.QUALITY_REPORT);
    assertThat(report.select("run_id").distinct().collectAsList()).extracting(r -> r.getString(0))
        .containsExactly("run-q1");
    assertThat(report.where("passed = (message IS NOT NULL)").count()).isZero();
    assertThat(report.groupBy("entity_type", "entity_id", "rule").count().where("count > 1").count()).isZero();

    // Metrics: per rule rates equal a recount of the report.
    Map<String, Long> violations = new TreeMap<>();
    for (Row r : report.where("NOT passed").groupBy("entity_type", "rule").count().collectAsList()) {
      violations.put(r.getString(0) + "/" + r.getString(1), r.getLong(2));
    }
    for (Row r : read(Tables.QUALITY_METRICS).collectAsList()) {
      String key = r.<String>getAs("entity_type") + "/" + r.<String>getAs("rule");
      long v = r.<Long>getAs("violations");
      assertThat(v).as(key).isEqualTo(violations.getOrDefault(key, 0L));
      assertThat(r.<Double>getAs("violation_rate")).as(key)
          .isEqualTo((double) v / r.<Long>getAs("entities"));
    }
    List<Row> runs = read(Tables.QUALITY_RUNS).orderBy("entity_type").collectAsList();
    assertThat(runs).extracting(r -> r.<String>getAs("entity_type")).containsExactly("clip", "episode");
    assertThat(runs).allMatch(r -> r.<Boolean>getAs("gate_open"));
    assertThat(runs.get(1).<Long>getAs("entities_in")).isEqualTo(episodesIn);
  }

  @Test
  void withoutRetargetTheRetargetingRulesHaveNoValueAndSayWhy() {
    runQuality("run-q2");
    Set<String> cleanClips = new TreeSet<>();
    pipeline().sample.clips().stream().filter(SampleReport.ClipSummary::clean).forEach(c -> cleanClips.add(c.clipId()));
    Map<String, Set<String>> quarantined = quarantine();
    for (String clip : cleanClips) {
      assertThat(quarantined.get(clip)).as("a clean clip without retargeting is held back for that alone")
          .containsExactly("retargeting_error");
    }
    Dataset<Row> report = read(Tables.QUALITY_REPORT).where("entity_type = 'clip'");
    for (String rule : List.of("retargeting_error", "limit_saturation", "retargeting_error_p95",
        "retargeting_jumps")) {
      List<Row> rows = report.where("rule = '" + rule + "'").collectAsList();
      assertThat(rows).as(rule).isNotEmpty().allMatch(r -> r.isNullAt(r.fieldIndex("value")))
          .allMatch(r -> !r.<Boolean>getAs("passed"));
    }
    assertThat(report.where("rule = 'retargeting_error'").collectAsList())
        .allMatch(r -> r.<String>getAs("message").equals("no value; no step has vector_error_mm"));
  }

  @Test
  void aFailRuleOverItsFractionStopsTheRunAfterWritingTheReport() throws Exception {
    QualityPipeline p = pipeline();
    ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
    ObjectNode doc = (ObjectNode) yaml.readTree(SampleFixture.projectDir().resolve("configs/quality/robot.yaml")
        .toFile());
    for (var rule : doc.get("rules")) {
      if (rule.get("name").asText().equals("ingest_nan_samples")) {
        ((ObjectNode) rule).put("severity", "fail").put("fail_fraction", 0.0);
      }
    }
    Path strict = p.root.resolve("robot-strict.yaml");
    yaml.writeValue(strict.toFile(), doc);

    assertThatThrownBy(() -> runQuality("run-q3", "quality.robot_rules=" + strict,
        "quality.human_rules=" + p.humanRulesWithoutRetargeting()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("rule 'ingest_nan_samples' (severity fail) violated by 1 of ")
        .hasMessageContaining("allowed 0.0%")
        .hasMessageNotContaining("\n");
    assertThat(read(Tables.QUALITY_REPORT).where("run_id = 'run-q3' AND rule = 'ingest_nan_samples' AND NOT passed")
        .count()).isEqualTo(1);
    List<Row> runs = read(Tables.QUALITY_RUNS).where("entity_type = 'episode'").collectAsList();
    assertThat(runs).singleElement().satisfies(r -> assertThat(r.<Boolean>getAs("gate_open")).isFalse());

    // A later manual publish of the date is refused while the gate is closed.
    assertThatThrownBy(() -> new ai.curate.jobs.publish.PublishStage()
        .run(pipeline().context(spark(), List.of(), "run-p3")))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("the quality gate is closed for " + SampleFixture.DATE)
        .hasMessageContaining("ingest_nan_samples")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aRuleFileThatDoesNotLoadIsAOneLineUserErrorNamingTheKey() {
    assertThatThrownBy(() -> runQuality("run-q4", "quality.human_rules=/nonexistent/human.yaml"))
        .isInstanceOf(UserError.class)
        .hasMessage("quality.human_rules: rule file not found: /nonexistent/human.yaml (set quality.human_rules in "
            + "the config or with --set quality.human_rules=FILE)");
    assertThatThrownBy(() -> runQuality("run-q4", "quality.robot_rules=robot.json"))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("quality.robot_rules")
        .hasMessageContaining("must name a rule file (.yaml or .yml)");
  }

  /** The failed holding rules and their messages, for a failure message. */
  private String reasons(Set<String> entities) {
    StringBuilder out = new StringBuilder();
    for (Row r : read(Tables.QUALITY_REPORT).where("NOT passed AND severity <> 'warn'").collectAsList()) {
      if (entities.contains(r.<String>getAs("entity_id"))) {
        out.append("\n  ").append(r.<String>getAs("entity_id")).append(" ").append(r.<String>getAs("rule"))
            .append(": ").append(r.<String>getAs("message"));
      }
    }
    return out.toString();
  }

  private List<String> episodesOf(String sessionId) {
    return read(Tables.ROBOT_EPISODES).where(org.apache.spark.sql.functions.col("session_id").equalTo(sessionId))
        .select("episode_id").collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
  }

  private Map<String, Set<String>> quarantine() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (Row r : read(Tables.QUARANTINE).collectAsList()) {
      Set<String> rules = new TreeSet<>(r.<String>getList(r.fieldIndex("rules")));
      assertThat(out.put(r.<String>getAs("entity_id"), rules)).as("quarantined once").isNull();
      assertThat(r.<String>getList(r.fieldIndex("rules"))).as("every reason listed").isNotEmpty();
    }
    return out;
  }

  private static Set<String> ids(Dataset<Row> rows) {
    Set<String> out = new HashSet<>();
    for (Row r : rows.select("entity_id").collectAsList()) {
      assertThat(out.add(r.getString(0))).as("listed once: %s", r.getString(0)).isTrue();
    }
    return out;
  }

  private Dataset<Row> read(TableId t) {
    return spark().read().format("delta").load(t.location(pipeline().warehouse.toString()))
        .where("capture_date = DATE'" + SampleFixture.DATE + "'");
  }
}
