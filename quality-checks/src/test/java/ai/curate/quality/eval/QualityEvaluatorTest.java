package ai.curate.quality.eval;

import static ai.curate.quality.TestTable.FLOATS;
import static ai.curate.quality.TestTable.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.quality.QualityCounts;
import ai.curate.quality.QualityEvaluator;
import ai.curate.quality.QualityGateException;
import ai.curate.quality.QualityResult;
import ai.curate.quality.QualityRuleException;
import ai.curate.quality.QualityTestBase;
import ai.curate.quality.Reconciliation;
import ai.curate.quality.TestTable;
import ai.curate.quality.rules.RuleSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.execution.QueryExecution;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.util.QueryExecutionListener;
import org.junit.jupiter.api.Test;

/** The evaluator's outputs and guarantees: report, quarantine, pass list, scores, counts, reconciliation, gate. */
class QualityEvaluatorTest extends QualityTestBase {
  private static final long FRAME_NS = 33_333_333L;

  private static final String RULES = """
      - name: grid_gaps
        scope: timestep
        check: timestamp_gaps
        params: { max_gap_ms: 100 }
        severity: quarantine
        tags: [timing]
      - name: valid_joint_states
        scope: timestep
        expr: joint_state_valid
        params: { max_fraction: 0.1 }
        severity: quarantine
        tags: [joint_state]
      - name: duration
        scope: episode
        check: episode_duration
        params: { min_s: 2, max_s: 60 }
        severity: warn
        tags: [episode]
      - name: enough_steps
        scope: episode
        expr: step_count >= 5
        value: step_count
        severity: quarantine
        tags: [episode]
      """;

  /** clean; gappy (grid hole); invalid (joint states mostly invalid, and too short: warn only);
   * stepless (no timesteps); and steps of "orphan", which has no episode row. */
  private Dataset<Row> episodes() {
    return new TestTable().column("episode_id", DataTypes.StringType).column("duration_ns", DataTypes.LongType)
        .row("clean", 10_000_000_000L).row("gappy", 10_000_000_000L).row("invalid", 1_000_000_000L)
        .row("stepless", 10_000_000_000L).toDataset(spark());
  }

  private Dataset<Row> timesteps() {
    TestTable t = new TestTable().column("episode_id", DataTypes.StringType)
        .column("step_index", DataTypes.IntegerType).column("ts_ns", DataTypes.LongType)
        .column("joint_position", FLOATS).column("joint_state_valid", DataTypes.BooleanType);
    for (int i = 0; i < 10; i++) {
      t.row("clean", i, i * FRAME_NS, floats(i), true);
      t.row("gappy", i, i * FRAME_NS + (i >= 5 ? 10 * FRAME_NS : 0), floats(i), true);
      t.row("invalid", i, i * FRAME_NS, floats(i), i % 3 == 0);
    }
    t.row("orphan", 0, 0L, floats(0), true);
    return t.toDataset(spark());
  }

  private QualityResult evaluate(String rulesYaml) {
    return new QualityEvaluator().evaluate(episodes(), timesteps(), rules("episode", rulesYaml));
  }

  @Test
  void reportHasOneRowPerEntityAndRuleIncludingTheStructuralRules() {
    try (QualityResult result = evaluate(RULES)) {
      Dataset<Row> report = result.report();
      assertThat(report.schema().simpleString()).isEqualTo("struct<entity_type:string,entity_id:string,rule:string,"
          + "value:double,threshold:string,passed:boolean,severity:string,tags:array<string>,message:string,"
          + "robot_id:string,session_id:string,dataset:string>");
      List<Row> rows = report.collectAsList();
      assertThat(rows).hasSize(5 * 6);
      Map<String, Boolean> passed = new TreeMap<>();
      for (Row r : rows) {
        passed.put(r.getString(1) + "/" + r.getString(2), r.getBoolean(5));
        assertThat(r.isNullAt(8)).as("message present exactly when failed: %s", r).isEqualTo(r.getBoolean(5));
      }
      assertThat(passed).containsEntry("clean/grid_gaps", true).containsEntry("gappy/grid_gaps", false)
          .containsEntry("invalid/valid_joint_states", false).containsEntry("invalid/duration", false)
          .containsEntry("stepless/has_timesteps", false).containsEntry("stepless/grid_gaps", false)
          .containsEntry("orphan/has_entity_record", false).containsEntry("orphan/duration", false)
          .containsEntry("clean/enough_steps", true).containsEntry("orphan/enough_steps", false);
      assertThat(passed.entrySet().stream().filter(e -> e.getKey().startsWith("clean/")))
          .allMatch(Map.Entry::getValue);
    }
  }

  @Test
  void quarantineHoldsEveryBlockingReasonAndWarningsDoNotQuarantine() {
    try (QualityResult result = evaluate(RULES)) {
      Map<String, List<String>> reasons = new TreeMap<>();
      for (Row r : result.quarantine().collectAsList()) {
        List<String> rules = new ArrayList<>();
        for (Row reason : r.<Row>getList(2)) {
          rules.add(reason.getString(0));
          assertThat(reason.getString(3)).as("message of %s", reason).isNotBlank();
        }
        Collections.sort(rules);
        reasons.put(r.getString(1), rules);
      }
      assertThat(reasons).containsOnlyKeys("gappy", "invalid", "stepless", "orphan");
      assertThat(reasons.get("gappy")).containsExactly("grid_gaps");
      assertThat(reasons.get("invalid")).as("duration is warn: not a reason").containsExactly("valid_joint_states");
      assertThat(reasons.get("stepless")).containsExactly("enough_steps", "grid_gaps", "has_timesteps",
          "valid_joint_states");
      assertThat(reasons.get("orphan")).containsExactly("enough_steps", "has_entity_record");
      assertThat(result.quarantine().schema().simpleString()).isEqualTo("struct<entity_type:string,"
          + "entity_id:string,reasons:array<struct<rule:string,value:double,threshold:string,message:string>>,"
          + "robot_id:string,session_id:string,dataset:string>");

      assertThat(result.passList().collectAsList()).extracting(r -> r.getString(1)).containsExactly("clean");
    }
  }

  @Test
  void reasonsSayWhatWasMeasuredWhatWasRequiredAndWhere() {
    try (QualityResult result = evaluate(RULES)) {
      Map<String, Row> gaps = outcomes(result, "grid_gaps");
      // 11 frame periods of 33_333_333 ns = 366_666_663 ns exactly: the message shows the measured interval to
      // the nanosecond (366.666663 ms), not 11 x 1000/30 ms.
      assertThat(11 * FRAME_NS).isEqualTo(366_666_663L);
      assertThat(gaps.get("gappy").<String>getAs("message")).isEqualTo("largest step interval (ms) = 366.666663, "
          + "required <= 100; largest before step 5");
      assertThat(gaps.get("stepless").<String>getAs("message")).isEqualTo("no value");
      assertThat(gaps.get("orphan").<Boolean>getAs("passed")).as("one step: no interval, holds vacuously").isTrue();
      assertThat(gaps.get("orphan").isNullAt(gaps.get("orphan").fieldIndex("value"))).as("and has no value").isTrue();
      assertThat(outcomes(result, "valid_joint_states").get("invalid").<String>getAs("message"))
          .isEqualTo("fraction of steps where joint_state_valid does not hold = 0.6, required <= 0.1; 6 of 10 steps");
      assertThat(outcomes(result, "enough_steps").get("orphan").<String>getAs("message"))
          .isEqualTo("does not hold: step_count >= 5; step_count = 1");
      assertThat(outcomes(result, "has_entity_record").get("orphan").<String>getAs("message"))
          .isEqualTo("episode record present = 0, required >= 1; timesteps without a row in the episode Dataset");
    }
  }

  @Test
  void scoresKeepOneColumnPerRuleForResearchersToRefilter() {
    try (QualityResult result = evaluate(RULES)) {
      Dataset<Row> scores = result.scores();
      assertThat(scores.columns()).containsExactly("entity_type", "entity_id", "score_has_entity_record",
          "score_has_timesteps", "score_grid_gaps", "score_valid_joint_states", "score_duration",
          "score_enough_steps", "quarantined", "robot_id", "session_id", "dataset");
      scores.createOrReplaceTempView("scores");
      List<Object[]> refiltered = sql("SELECT entity_id FROM scores WHERE score_grid_gaps < 50 "
          + "AND score_valid_joint_states <= 0.7 ORDER BY entity_id");
      assertRows("stricter gaps, looser validity", rows(row("clean"), row("invalid")), refiltered);
    }
  }

  @Test
  void observedCountsEqualIndependentRecountsAndReconcile() {
    try (QualityResult result = evaluate(RULES)) {
      QualityCounts counts = result.counts();
      assertThat(counts.entitiesIn()).isEqualTo(episodes().count());
      assertThat(counts.timestepsIn()).isEqualTo(timesteps().count());
      assertThat(counts.orphans()).isEqualTo(1);
      assertThat(counts.withoutTimesteps()).isEqualTo(1);
      assertThat(counts.passed()).isEqualTo(result.passList().count());
      assertThat(counts.quarantined()).isEqualTo(result.quarantine().count());
      assertThat(counts.entitiesScored()).isEqualTo(result.scores().count());
      for (var rc : counts.rules()) {
        long failed = result.report().filter("NOT passed AND rule = '" + rc.rule().name() + "'").count();
        long missing = result.report().filter("value IS NULL AND rule = '" + rc.rule().name() + "'").count();
        assertThat(rc.violations()).as(rc.rule().name()).isEqualTo(failed);
        assertThat(rc.missingValues()).as(rc.rule().name()).isEqualTo(missing);
      }

      Reconciliation rec = result.reconciliation();
      assertThat(rec.holds()).isTrue();
      assertThat(rec.describe()).isEqualTo("4 in + 1 orphans = 5, 1 passed + 4 quarantined = 5 (5 scored)");
      long distinctIn = episodes().select("episode_id").union(timesteps().select("episode_id")).distinct().count();
      long out = result.passList().select("entity_type", "entity_id")
          .union(result.quarantine().select("entity_type", "entity_id")).distinct().count();
      assertThat(out).as("every entity in exactly once").isEqualTo(distinctIn)
          .isEqualTo(result.passList().count() + result.quarantine().count());
    }
  }

  @Test
  void reconciliationFailsLoudlyWhenCountsDisagree() {
    Reconciliation broken = new Reconciliation(ai.curate.quality.rules.EntityType.CLIP, 10, 0, 9, 6, 3);
    assertThat(broken.holds()).isFalse();
    assertThatThrownBy(broken::requireHolds).isInstanceOf(IllegalStateException.class)
        .hasMessage("quality reconciliation failed for clips: 10 in + 0 orphans = 10, 6 passed + 3 quarantined = 9 "
            + "(9 scored); the quality stage must not publish");
  }

  @Test
  void aFailRuleQuarantinesAndClosesTheGateOnlyAboveItsFraction() {
    String rule = """
        - name: valid_joint_states
          scope: timestep
          expr: joint_state_valid
          params: { max_fraction: 0.1 }
          severity: fail
          fail_fraction: %s
        """;
    try (QualityResult tolerant = evaluate(rule.formatted("0.5"))) {
      // violated by invalid, stepless (no value) and... orphan has a valid step: 2 of 5 = 40% <= 50%
      assertThat(tolerant.gate().open()).isTrue();
      assertThat(tolerant.quarantine().collectAsList()).extracting(r -> r.getString(1))
          .contains("invalid", "stepless");
    }
    try (QualityResult strict = evaluate(rule.formatted("0.2"))) {
      assertThat(strict.gate().open()).isFalse();
      assertThatThrownBy(() -> strict.gate().requireOpen()).isInstanceOf(QualityGateException.class)
          .hasMessage("quality gate closed for episodes: rule 'valid_joint_states' (severity fail) violated by 2 of "
              + "5 (40.0%, allowed 20.0%); see gold.quality_report, fix the data or the rule, then rerun");
    }
  }

  @Test
  void nullsInExpressionsDoNotPass() {
    Dataset<Row> episodes = new TestTable().column("episode_id", DataTypes.StringType)
        .column("nan_count", DataTypes.LongType).row("zero", 0L).row("unknown", null).row("some", 3L)
        .toDataset(spark());
    RuleSet rules = rules("episode", """
        - name: no_nans
          scope: episode
          expr: nan_count = 0
          value: nan_count
          severity: quarantine
        """);
    try (QualityResult result = new QualityEvaluator().evaluate(episodes, null, rules)) {
      Map<String, Row> out = assertRule(result, "no_nans", List.of("zero"), List.of("unknown", "some"));
      assertThat(out.get("unknown").<String>getAs("message")).isEqualTo("unknown (null): nan_count = 0");
      assertThat(out.get("some").<String>getAs("message")).isEqualTo("does not hold: nan_count = 0; nan_count = 3");
      assertThat(value(out, "some")).isEqualTo(3.0);
      assertThat(result.rules()).extracting(r -> r.name()).as("no timesteps: no has_timesteps rule")
          .containsExactly("has_entity_record", "no_nans");
    }
  }

  @Test
  void evaluationRunsExactlyOneQuery() throws Exception {
    List<String> queries = Collections.synchronizedList(new ArrayList<>());
    QueryExecutionListener listener = new QueryExecutionListener() {
      @Override
      public void onSuccess(String funcName, QueryExecution qe, long durationNs) {
        queries.add(funcName);
      }

      @Override
      public void onFailure(String funcName, QueryExecution qe, Exception exception) {
        queries.add(funcName + " failed");
      }
    };
    Dataset<Row> episodes = episodes();
    Dataset<Row> timesteps = timesteps();
    RuleSet rules = rules("episode", RULES);
    spark().listenerManager().register(listener);
    try (QualityResult result = new QualityEvaluator().evaluate(episodes, timesteps, rules)) {
      // Listener events arrive in order: once the marker query is seen, every query of evaluate() was seen too.
      spark().range(1).toDF("marker").collectAsList();
      long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
      while (!queries.contains("collectAsList") && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(queries).as("the marker query's listener event arrived").contains("collectAsList");
      assertThat(queries.subList(0, queries.indexOf("collectAsList"))).containsExactly("count");
      assertThat(result.counts().entitiesIn()).isEqualTo(4);
    } finally {
      spark().listenerManager().unregister(listener);
    }
  }

  /**
   * A date with no entities of this type (robot episodes but no human clip) read from files, as the stage reads
   * them: AQE finds the empty side at run time. The counts must still arrive (they once never did: the evaluation
   * waited forever for an Observation whose subtree AQE had replaced).
   */
  @Test
  @org.junit.jupiter.api.Timeout(value = 2, unit = java.util.concurrent.TimeUnit.MINUTES)
  void anEmptyDateIsScoredAndCountedWithoutWaitingForever(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    episodes().where("false").write().parquet(dir.resolve("episodes").toString());
    timesteps().where("false").write().parquet(dir.resolve("timesteps").toString());
    Dataset<Row> episodes = spark().read().parquet(dir.resolve("episodes").toString());
    Dataset<Row> timesteps = spark().read().parquet(dir.resolve("timesteps").toString());
    try (QualityResult result = new QualityEvaluator().evaluate(episodes, timesteps, rules("episode", RULES))) {
      assertThat(result.counts().entitiesIn()).isZero();
      assertThat(result.counts().timestepsIn()).isZero();
      assertThat(result.counts().entitiesScored()).isZero();
    }
    assertThat(spark().conf().contains("spark.sql.adaptive.optimizer.excludedRules")).as("session left as it was")
        .isFalse();
  }

  @Test
  void inputsLackingWhatARuleReadsAreRejectedBeforeAnyJobNamingTheRule() {
    RuleSet rules = rules("episode", """
        - name: frozen
          scope: timestep
          check: frozen_sensor
          params: { column: tactile_left, min_run_steps: 10 }
          severity: warn
        - name: limits
          scope: timestep
          check: joint_position_limits
          severity: warn
        - name: drops
          scope: episode
          check: camera_frame_drops
          params: { max_drop_fraction: 0.1 }
          severity: warn
        """);
    assertThatThrownBy(() -> new QualityEvaluator().evaluate(episodes(), timesteps(), rules))
        .isInstanceOf(QualityRuleException.class)
        .satisfies(e -> assertThat(((QualityRuleException) e).problems()).containsExactly(
            "rule 'frozen' (check frozen_sensor): the timesteps have no column 'tactile_left' (name another column "
                + "in params); columns: episode_id, step_index, ts_ns, joint_position, joint_state_valid, robot_id, "
                + "session_id",
            "rule 'limits' (check joint_position_limits) needs joint limits: build the QualityEvaluator with "
                + "JointLimits read from the robot's URDF",
            "rule 'drops' (check camera_frame_drops): the episode Dataset has no column 'camera_expected_frames' "
                + "(name another column in params); columns: episode_id, duration_ns, robot_id, session_id",
            "rule 'drops' (check camera_frame_drops): the episode Dataset has no column 'camera_capture_frames' "
                + "(name another column in params); columns: episode_id, duration_ns, robot_id, session_id",
            "rule 'drops' (check camera_frame_drops): the episode Dataset has no column 'camera_video_frames' "
                + "(name another column in params); columns: episode_id, duration_ns, robot_id, session_id"));
  }

  @Test
  void expressionsThatDoNotResolveOrAreNotConditionsNameTheRule() {
    assertThatThrownBy(() -> evaluate("""
        - name: typo
          scope: timestep
          expr: joint_state_vald
          severity: warn
        """)).isInstanceOf(QualityRuleException.class)
        .hasMessageStartingWith("rule 'typo': key 'expr': 'joint_state_vald' does not work on the timestep data: ")
        .hasMessageContaining("joint_state_vald").hasMessageContaining("available columns: episode_id, step_index");
    assertThatThrownBy(() -> evaluate("""
        - name: not_boolean
          scope: episode
          expr: duration_ns / 1e9
          severity: warn
        """)).isInstanceOf(QualityRuleException.class)
        .hasMessage("rule 'not_boolean': key 'expr': 'duration_ns / 1e9' is of type double, not boolean; write a "
            + "condition that must hold, e.g. 'nan_count = 0'");
    assertThatThrownBy(() -> new QualityEvaluator().evaluate(episodes(), null, rules("episode", RULES)))
        .isInstanceOf(QualityRuleException.class)
        .hasMessageContaining("rules [grid_gaps, valid_joint_states] have scope timestep but no timesteps Dataset "
            + "was given");
  }

  @Test
  void sqlIsParsedAtLoadWithTheSessionsParser() {
    assertThatThrownBy(() -> rules("episode", """
        - name: broken
          scope: episode
          expr: "nan_count = = 0"
          severity: warn
        """)).isInstanceOf(QualityRuleException.class)
        .hasMessageStartingWith("test rules: rule 'broken': key 'expr': 'nan_count = = 0' is not valid Spark SQL: "
            + "[PARSE_SYNTAX_ERROR] Syntax error at or near '='");
  }

  /**
   * Episode ids are unique only within a session, session ids only within a robot: episodes e001 of two sessions
   * of one robot, and of two robots with the same session id, are three entities with three verdicts, and steps of
   * a fourth (robot, session) with no episode row are an orphan of their own, not merged into one of them.
   */
  @Test
  void episodesSharingAnIdInOtherSessionsOrRobotsGetTheirOwnVerdicts() {
    Dataset<Row> episodes = new TestTable().column("robot_id", DataTypes.StringType)
        .column("session_id", DataTypes.StringType).column("episode_id", DataTypes.StringType)
        .column("duration_ns", DataTypes.LongType)
        .row("r1", "s1", "e001", 10_000_000_000L).row("r1", "s2", "e001", 10_000_000_000L)
        .row("r2", "s1", "e001", 10_000_000_000L).toDataset(spark());
    TestTable t = new TestTable().column("robot_id", DataTypes.StringType)
        .column("session_id", DataTypes.StringType).column("episode_id", DataTypes.StringType)
        .column("step_index", DataTypes.IntegerType).column("ts_ns", DataTypes.LongType)
        .column("joint_position", FLOATS).column("joint_state_valid", DataTypes.BooleanType);
    for (int i = 0; i < 10; i++) {
      t.row("r1", "s1", "e001", i, i * FRAME_NS, floats(i), true);
      t.row("r1", "s2", "e001", i, i * FRAME_NS + (i >= 5 ? 10 * FRAME_NS : 0), floats(i), true);
      t.row("r2", "s1", "e001", i, i * FRAME_NS, floats(i), i % 3 == 0);
    }
    t.row("r3", "s1", "e001", 0, 0L, floats(0), true);

    try (QualityResult result = new QualityEvaluator().evaluate(episodes, t.toDataset(spark()),
        rules("episode", RULES))) {
      assertThat(result.counts().entitiesScored()).isEqualTo(4);
      assertThat(result.counts().orphans()).isEqualTo(1);
      assertThat(result.report().count()).isEqualTo(4 * 6);

      Map<String, List<String>> reasons = new TreeMap<>();
      for (Row r : result.quarantine().collectAsList()) {
        List<String> rules = new ArrayList<>();
        r.<Row>getList(r.fieldIndex("reasons")).forEach(reason -> rules.add(reason.getString(0)));
        Collections.sort(rules);
        reasons.put(r.<String>getAs("robot_id") + "/" + r.getAs("session_id") + "/" + r.getAs("entity_id"), rules);
      }
      assertThat(reasons).containsOnlyKeys("r1/s2/e001", "r2/s1/e001", "r3/s1/e001");
      assertThat(reasons.get("r1/s2/e001")).containsExactly("grid_gaps");
      assertThat(reasons.get("r2/s1/e001")).containsExactly("valid_joint_states");
      assertThat(reasons.get("r3/s1/e001")).containsExactly("enough_steps", "has_entity_record");
      assertThat(result.passList().collectAsList()).extracting(r -> r.<String>getAs("robot_id") + "/"
          + r.getAs("session_id") + "/" + r.getAs("entity_id") + "/" + r.getAs("dataset"))
          .containsExactly("r1/s1/e001/null");

      Map<String, Double> gaps = new TreeMap<>();
      for (Row r : result.report().filter("rule = 'grid_gaps'").collectAsList()) {
        gaps.put(r.<String>getAs("robot_id") + "/" + r.getAs("session_id"), r.getAs("value"));
      }
      assertThat(gaps.get("r1/s1")).isEqualTo(FRAME_NS / 1e6);
      assertThat(gaps.get("r1/s2")).isEqualTo(11 * FRAME_NS / 1e6);
    }
  }

  @Test
  void episodeInputsWithoutTheSessionAndRobotAreRefusedNamingTheColumns() {
    Dataset<Row> episodes = episodes().drop("robot_id", "session_id");
    assertThatThrownBy(() -> new QualityEvaluator().evaluate(episodes, timesteps().drop("session_id"),
        rules("episode", RULES)))
        .isInstanceOf(QualityRuleException.class)
        .hasMessageContaining("the episode Dataset have no key column 'robot_id'")
        .hasMessageContaining("the episode Dataset have no key column 'session_id'")
        .hasMessageContaining("the timesteps have no key column 'session_id'");
  }
}
