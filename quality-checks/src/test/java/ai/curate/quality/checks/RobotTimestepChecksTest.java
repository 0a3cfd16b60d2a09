package ai.curate.quality.checks;

import static ai.curate.quality.TestTable.FLOATS;
import static ai.curate.quality.TestTable.filled;
import static ai.curate.quality.TestTable.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.quality.JointLimits;
import ai.curate.quality.QualityEvaluator;
import ai.curate.quality.QualityResult;
import ai.curate.quality.QualityTestBase;
import ai.curate.quality.TestTable;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/**
 * Each robot timestep check through the evaluator on two small episodes: "clean" where it must not fire and "bad"
 * where it must (with the value it must report).
 */
class RobotTimestepChecksTest extends QualityTestBase {
  private static final long FRAME_NS = 33_333_333L;
  private static final int STEPS = 40;

  private Dataset<Row> episodes() {
    return new TestTable().column("episode_id", DataTypes.StringType).row("clean").row("bad").toDataset(spark());
  }

  /** A steps table with the key and clock columns ({@code episode_id, step_index, ts_ns}). */
  private static TestTable timedSteps() {
    return new TestTable().column("episode_id", DataTypes.StringType).column("step_index", DataTypes.IntegerType)
        .column("ts_ns", DataTypes.LongType);
  }

  /** Steps of both episodes with one extra column; {@code clean}/{@code bad} give its value at step i. */
  private Dataset<Row> steps(String column, DataType type, IntFunction<Object> clean, IntFunction<Object> bad) {
    TestTable t = timedSteps().column(column, type);
    for (int i = 0; i < STEPS; i++) {
      t.row("clean", i, i * FRAME_NS, clean.apply(i));
      t.row("bad", i, i * FRAME_NS, bad.apply(i));
    }
    return t.toDataset(spark());
  }

  private Map<String, Row> check(Dataset<Row> steps, String ruleYaml) {
    return check(steps, ruleYaml, null);
  }

  private Map<String, Row> check(Dataset<Row> steps, String ruleYaml, JointLimits limits) {
    try (QualityResult result = new QualityEvaluator(limits).evaluate(episodes(), steps,
        rules("episode", "- name: r\n  scope: timestep\n  severity: quarantine\n" + ruleYaml))) {
      Map<String, Row> outcomes = assertRule(result, "r", List.of("clean"), List.of("bad"));
      assertThat(result.passList().collectAsList()).extracting(row -> row.getString(1)).containsExactly("clean");
      return outcomes;
    }
  }

  @Test
  void timestampsMonotonic() {
    TestTable t = timedSteps();
    for (int i = 0; i < STEPS; i++) {
      t.row("clean", i, i * FRAME_NS);
      t.row("bad", i, i == 20 ? 19 * FRAME_NS : i * FRAME_NS); // repeats the previous timestamp
    }
    Map<String, Row> out = check(t.toDataset(spark()), "  check: timestamps_monotonic\n");
    assertThat(value(out, "bad")).isEqualTo(1.0);
    assertThat(value(out, "clean")).isEqualTo(0.0);
    assertThat(out.get("bad").<String>getAs("message")).contains("first at step 20");
  }

  @Test
  void timestampGaps() {
    TestTable t = timedSteps();
    for (int i = 0; i < STEPS; i++) {
      t.row("clean", i, i * FRAME_NS);
      t.row("bad", i, i * FRAME_NS + (i >= 25 ? 5 * FRAME_NS : 0)); // five frames missing before step 25
    }
    Map<String, Row> out = check(t.toDataset(spark()), "  check: timestamp_gaps\n  params: {max_gap_ms: 100}\n");
    assertThat(value(out, "bad")).isCloseTo(200.0, within(1e-3));
    assertThat(value(out, "clean")).isCloseTo(33.333, within(1e-3));
  }

  @Test
  void modalityCoverage() {
    Map<String, Row> out = check(steps("wrench_left_valid", DataTypes.BooleanType, i -> true, i -> i % 4 != 0),
        "  check: modality_coverage\n  params: {modality: wrench_left, min_fraction: 0.9}\n");
    assertThat(value(out, "bad")).isEqualTo(0.75);
    assertThat(value(out, "clean")).isEqualTo(1.0);
  }

  @Test
  void streamStaleness() {
    Map<String, Row> out = check(steps("action_staleness_ns", DataTypes.LongType, i -> 1_000_000L,
        i -> i % 2 == 0 ? null : 30_000_000L),
        "  check: stream_staleness\n  params: {modality: action, max_ms: 10}\n");
    assertThat(value(out, "bad")).isEqualTo(30.0);
    assertThat(value(out, "clean")).isEqualTo(1.0);
  }

  @Test
  void clockSkew() {
    TestTable t = timedSteps()
        .column("joint_state_valid", DataTypes.BooleanType).column("wrench_left_valid", DataTypes.BooleanType);
    for (int i = 0; i < STEPS; i++) {
      t.row("clean", i, i * FRAME_NS, true, true);
      t.row("bad", i, i * FRAME_NS, true, i < STEPS - 9); // the wrench clock runs 300 ms early: ends early
    }
    Map<String, Row> out = check(t.toDataset(spark()),
        "  check: clock_skew\n  params: {max_ms: 100, modalities: [joint_state, wrench_left]}\n");
    assertThat(value(out, "bad")).isCloseTo(300.0, within(1e-3));
    assertThat(value(out, "clean")).isEqualTo(0.0);
    assertThat(out.get("bad").<String>getAs("message")).contains("wrench_left ends 299 ms before the last step");
  }

  @Test
  void frozenSensor() {
    Map<String, Row> out = check(steps("joint_position", FLOATS, i -> floats(0.01 * i, -0.01 * i),
        i -> floats(0.01 * i, -0.01 * Math.min(i, 10))),
        "  check: frozen_sensor\n  params: {column: joint_position, min_run_steps: 15}\n",
        new JointLimits(List.of("hip", "knee"), new double[] {-3, -3}, new double[] {3, 3}, null));
    assertThat(value(out, "bad")).isEqualTo(29.0);
    assertThat(value(out, "clean")).isEqualTo(0.0);
    assertThat(out.get("bad").<String>getAs("message"))
        .isEqualTo("longest frozen run in joint_position (steps) = 29, required < 15; joint_position[1] (knee) "
            + "constant at -0.1 for 29 steps from step 10");
  }

  @Test
  void jointPositionLimits() {
    JointLimits limits = new JointLimits(List.of("a", "b"), new double[] {-1, 0}, new double[] {1, 2}, null);
    Map<String, Row> out = check(steps("joint_position", FLOATS, i -> floats(0.9, 1.99),
        i -> floats(0.9, i == 7 ? 2.2 : 1.0)),
        "  check: joint_position_limits\n  params: {tolerance_rad: 0.05}\n", limits);
    assertThat(value(out, "bad")).isEqualTo(1.0 / STEPS);
    assertThat(value(out, "clean")).isEqualTo(0.0);
  }

  @Test
  void jointVelocityLimits() {
    JointLimits limits = new JointLimits(List.of("a", "b"), new double[] {-1, -1}, new double[] {1, 1},
        new double[] {2, 0}); // joint b has no velocity limit
    Map<String, Row> out = check(steps("joint_velocity", FLOATS, i -> floats(1.9, 50),
        i -> floats(i < 4 ? -2.5 : 1.0, 50)),
        "  check: joint_velocity_limits\n  params: {max_fraction: 0.05}\n", limits);
    assertThat(value(out, "bad")).isEqualTo(0.1);
    assertThat(value(out, "clean")).isEqualTo(0.0);
  }

  @Test
  void jointAccelerationLimits() {
    Map<String, Row> out = check(steps("joint_velocity", FLOATS, i -> floats(0.1 * i),
        i -> floats(i == 20 ? 10 : 0.1 * i)),
        "  check: joint_acceleration_limits\n  params: {max_rad_s2: 50}\n");
    assertThat(value(out, "bad")).isCloseTo(2.0 / (STEPS - 1), within(1e-12)); // into and out of the spike
    assertThat(value(out, "clean")).isEqualTo(0.0);
  }

  @Test
  void wrenchSpikes() {
    Map<String, Row> out = check(steps("wrench_right", FLOATS, i -> floats(i, 0, 10, 0, 0.1, 0),
        i -> floats(i, 0, i == 30 ? 300 : 10, 0, 0.1, 0)),
        "  check: wrench_spikes\n  params: {column: wrench_right, max_force_jump_n: 100, max_torque_jump_nm: 10}\n");
    assertThat(value(out, "bad")).isEqualTo(2.0);
    assertThat(value(out, "clean")).isEqualTo(0.0);
  }

  @Test
  void wrenchSaturation() {
    Map<String, Row> out = check(steps("wrench_left", FLOATS, i -> floats(0, 0, 499, 0, 0, 1),
        i -> floats(0, 0, 100, 0, i < 8 ? -50 : 1, 1)),
        "  check: wrench_saturation\n  params: {column: wrench_left, force_range_n: 500, torque_range_nm: 50, "
            + "max_fraction: 0.1}\n");
    assertThat(value(out, "bad")).isEqualTo(0.2);
    assertThat(value(out, "clean")).isEqualTo(0.0);
  }

  @Test
  void deadTaxels() {
    Map<String, Row> out = check(steps("tactile_left", FLOATS, i -> floats(0.1 * i, 0.01 * (i % 5), 1 + 0.001 * i),
        i -> floats(0.1 * i, 0.01 * (i % 5), 1)),
        "  check: dead_taxels\n  params: {column: tactile_left}\n");
    assertThat(value(out, "bad")).isEqualTo(1.0);
    assertThat(value(out, "clean")).isEqualTo(0.0);
    assertThat(out.get("bad").<String>getAs("message")).endsWith("dead taxels 2");
  }

  @Test
  void idleSegments() {
    Map<String, Row> out = check(steps("joint_velocity", FLOATS, i -> floats(0.5, 0),
        i -> i >= 10 && i < 34 ? floats(0.001, 0) : floats(0.5, 0)),
        "  check: idle_segments\n  params: {min_idle_s: 0.5, max_idle_fraction: 0.3}\n");
    assertThat(value(out, "bad")).isCloseTo(23.0 / 39, within(1e-9));
    assertThat(value(out, "clean")).isEqualTo(0.0);
  }

  @Test
  void anEpisodeWithoutTheModalityFailsWithAReasonInsteadOfPassing() {
    Map<String, Row> out = check(steps("tactile_left", FLOATS, i -> filled(4, 0.1 * (i % 3)), i -> null),
        "  check: dead_taxels\n  params: {column: tactile_left}\n");
    assertThat(out.get("bad").<Double>getAs("value")).isNull();
    assertThat(out.get("bad").<String>getAs("message"))
        .isEqualTo("no value; only 0 steps have tactile_left (need 10)");
  }
}
