package ai.curate.quality.checks;

import static ai.curate.quality.TestTable.FLOATS;
import static ai.curate.quality.TestTable.KEYPOINTS;
import static ai.curate.quality.TestTable.floats;
import static ai.curate.quality.checks.MetricHarness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.quality.JointLimits;
import ai.curate.quality.TestTable;
import ai.curate.quality.checks.common.FrozenSensor;
import ai.curate.quality.checks.common.TimestampGaps;
import ai.curate.quality.checks.common.TimestampsMonotonic;
import ai.curate.quality.checks.human.KeypointJitter;
import ai.curate.quality.checks.robot.ClockSkew;
import ai.curate.quality.checks.robot.DeadTaxels;
import ai.curate.quality.checks.robot.IdleSegments;
import ai.curate.quality.checks.robot.JointAccelerationLimits;
import ai.curate.quality.checks.robot.JointPositionLimits;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** The order-dependent semantics of the timestep checks, step by step, without a SparkSession. */
class SequenceMetricsTest {
  private static final long FRAME_NS = 33_333_333L;

  private static TestTable steps(String column, org.apache.spark.sql.types.DataType type) {
    return new TestTable().column("step_index", DataTypes.IntegerType).column("ts_ns", DataTypes.LongType)
        .column(column, type);
  }

  @Test
  void frozenJointWhileOthersMoveCountsItsRun() {
    TestTable t = steps("joint_position", FLOATS);
    for (int i = 0; i < 40; i++) {
      double stuck = i < 10 ? 0.01 * i : 0.09; // joint 1 stops changing after step 9
      t.row(i, i * FRAME_NS, floats(0.02 * i, stuck, 0.5)); // joint 2 never moves: unused, not frozen
    }
    SequenceMetric m = run(new FrozenSensor(), Map.of("column", "joint_position", "min_run_steps", 15L), t);
    assertThat(m.value()).isEqualTo(30.0); // transitions 10..39 with joint 0 moving
    assertThat(m.detail()).isEqualTo("joint_position[1] constant at 0.09 for 30 steps from step 9");
  }

  @Test
  void pausesWhereNothingMovesNeitherGrowNorResetARun() {
    TestTable t = steps("joint_position", FLOATS);
    double other = 0;
    for (int i = 0; i < 30; i++) {
      boolean pause = i >= 10 && i < 20; // the robot holds still for 10 steps
      other += pause ? 0 : 0.01;
      double joint = i < 5 ? 0.1 * i : 0.4; // joint 0 moves until step 4, then sticks
      t.row(i, i * FRAME_NS, floats(joint, other));
    }
    SequenceMetric m = run(new FrozenSensor(), Map.of("column", "joint_position", "min_run_steps", 15L), t);
    // stuck from step 4: transitions 5..9 and 20..29 count (15), the pause 10..19 does not.
    assertThat(m.value()).isEqualTo(15.0);
  }

  @Test
  void aGapResetsRunsAndAnEpsilonAbsorbsNoise() {
    TestTable t = steps("joint_position", FLOATS);
    for (int i = 0; i < 30; i++) {
      float[] v = i == 15 ? null : floats(0.3 + (i % 2) * 1e-5, 0.01 * i, i < 2 ? i : 1);
      t.row(i, i * FRAME_NS, v);
    }
    // Element 0 jitters by 1e-5: constant for epsilon 1e-4 (and then never moving, so unused unless asked),
    // moving for epsilon 0. Element 2 is constant from step 1. The gap at step 15 resets every run.
    SequenceMetric noisy = run(new FrozenSensor(), Map.of("column", "joint_position", "min_run_steps", 5L,
        "epsilon", 1e-4), t);
    assertThat(noisy.value()).as("element 2: transitions 2..14").isEqualTo(13.0);
    SequenceMetric noisyAll = run(new FrozenSensor(), Map.of("column", "joint_position", "min_run_steps", 5L,
        "epsilon", 1e-4, "include_never_moving", true), t);
    assertThat(noisyAll.value()).as("element 0: transitions 1..14").isEqualTo(14.0);
    SequenceMetric exact = run(new FrozenSensor(), Map.of("column", "joint_position", "min_run_steps", 5L), t);
    assertThat(exact.value()).as("only element 2 is constant; split by the gap").isEqualTo(13.0);
    assertThat(exact.detail()).isEqualTo("joint_position[2] constant at 1 for 13 steps from step 1");
  }

  @Test
  void aWholeStreamFrozenWhileCommandsChangeIsCaughtThroughTheReferenceColumn() {
    TestTable t = new TestTable().column("step_index", DataTypes.IntegerType).column("ts_ns", DataTypes.LongType)
        .column("joint_position", FLOATS).column("action", FLOATS);
    for (int i = 0; i < 40; i++) {
      int held = Math.min(i, 20); // the driver repeats the sample of step 20 from then on
      t.row(i, i * FRAME_NS, floats(0.01 * held, -0.02 * held), floats(0.01 * i, -0.02 * i));
    }
    Map<String, Object> withoutReference = Map.of("column", "joint_position", "min_run_steps", 10L);
    assertThat(run(new FrozenSensor(), withoutReference, t).value()).as("no other joint moves").isEqualTo(0.0);
    SequenceMetric m = run(new FrozenSensor(), Map.of("column", "joint_position", "min_run_steps", 10L,
        "reference_column", "action"), t);
    assertThat(m.value()).isEqualTo(19.0);
  }

  @Test
  void exactZerosCanBeIgnoredForTaxelsWithoutContact() {
    TestTable t = steps("tactile_left", FLOATS);
    for (int i = 0; i < 20; i++) {
      t.row(i, i * FRAME_NS, floats(0, 0.1 * i, 2.5));
    }
    SequenceMetric zeros = run(new FrozenSensor(), Map.of("column", "tactile_left", "min_run_steps", 5L,
        "exclude_zero", true, "include_never_moving", true), t);
    assertThat(zeros.detail()).as("the stuck 2.5 counts, the 0 does not").startsWith("tactile_left[2] constant at 2.5");
    assertThat(zeros.value()).isEqualTo(19.0);
  }

  @Test
  void monotonicityCountsStepsThatGoBackOrRepeat() {
    TestTable t = steps("x", DataTypes.IntegerType);
    long[] ts = {0, 10, 20, 20, 15, 30, 40};
    for (int i = 0; i < ts.length; i++) {
      t.row(i, ts[i], 0);
    }
    SequenceMetric m = run(new TimestampsMonotonic(), Map.of(), t);
    assertThat(m.value()).isEqualTo(2.0);
    assertThat(m.detail()).isEqualTo("first at step 3 (ts_ns 20 after 20)");
  }

  @Test
  void gapsReportTheLargestIntervalInMilliseconds() {
    TestTable t = steps("x", DataTypes.IntegerType);
    long[] ts = {0, FRAME_NS, 2 * FRAME_NS, 6 * FRAME_NS, 7 * FRAME_NS};
    for (int i = 0; i < ts.length; i++) {
      t.row(i, ts[i], 0);
    }
    SequenceMetric m = run(new TimestampGaps(), Map.of("max_gap_ms", 100.0), t);
    assertThat(m.value()).isCloseTo(133.333332, within(1e-6));
    assertThat(m.detail()).isEqualTo("largest before step 3");

    TestTable one = steps("x", DataTypes.IntegerType).row(0, 5L, 0);
    SequenceMetric single = run(new TimestampGaps(), Map.of("max_gap_ms", 100.0), one);
    assertThat(single.value()).as("one step has no interval: no value, not a perfect 0").isNull();
    assertThat(single.detail()).isEqualTo("a single timestamped step: no interval");
    assertThat(single.vacuous()).as("nothing to judge: the rule holds without a value").isTrue();
    assertThat(m.vacuous()).isFalse();
  }

  @Test
  void clockSkewIsTheLargestEdgeOffsetOfAStreamThatIsValidSomewhere() {
    TestTable t = new TestTable().column("step_index", DataTypes.IntegerType).column("ts_ns", DataTypes.LongType)
        .column("joint_state_valid", DataTypes.BooleanType).column("wrench_left_valid", DataTypes.BooleanType)
        .column("tactile_left_valid", DataTypes.BooleanType);
    for (int i = 0; i < 30; i++) {
      // wrench_left starts 6 frames late (its clock is offset); tactile is never valid (coverage's job).
      t.row(i, i * FRAME_NS, true, i >= 6, false);
    }
    SequenceMetric m = run(new ClockSkew(), Map.of("max_ms", 100.0,
        "modalities", List.of("joint_state", "wrench_left", "tactile_left")), t);
    assertThat(m.value()).isCloseTo(200.0, within(1e-5));
    assertThat(m.detail()).isEqualTo("wrench_left starts 199 ms after the first step");

    TestTable none = new TestTable().column("step_index", DataTypes.IntegerType).column("ts_ns", DataTypes.LongType)
        .column("joint_state_valid", DataTypes.BooleanType).row(0, 0L, false);
    SequenceMetric nothing = run(new ClockSkew(), Map.of("max_ms", 100.0, "modalities", List.of("joint_state")),
        none);
    assertThat(nothing.value()).isNull();
    assertThat(nothing.detail()).isEqualTo("none of [joint_state] is valid at any step");
  }

  @Test
  void idleSegmentsCountOnlyRunsLongEnough() {
    TestTable t = steps("joint_velocity", FLOATS);
    // 10 s at 10 Hz: idle 2.0-4.0 s (long enough), idle 6.0-6.5 s (too short), moving otherwise.
    for (int i = 0; i <= 100; i++) {
      double s = i / 10.0;
      boolean idle = (s >= 2.0 && s <= 4.0) || (s >= 6.0 && s <= 6.5);
      t.row(i, i * 100_000_000L, idle ? floats(0.001, -0.005) : floats(0.3, 0.0));
    }
    SequenceMetric m = run(new IdleSegments(), Map.of("min_idle_s", 1.0, "max_idle_fraction", 0.1), t);
    assertThat(m.value()).isCloseTo(0.2, within(1e-9));
    assertThat(m.detail()).isEqualTo("1 idle segment(s), longest 2 s from step 20");
  }

  @Test
  void deadTaxelsNeedOthersToChangeAndEnoughSteps() {
    TestTable t = steps("tactile_left", FLOATS);
    for (int i = 0; i < 12; i++) {
      t.row(i, i * FRAME_NS, floats(0.5 + 0.01 * i, 0.0, 0.2 * (i % 3), 3.0));
    }
    SequenceMetric m = run(new DeadTaxels(), Map.of("column", "tactile_left"), t);
    assertThat(m.value()).isEqualTo(2.0);
    assertThat(m.detail()).isEqualTo("dead taxels 1, 3");

    TestTable idle = steps("tactile_left", FLOATS);
    for (int i = 0; i < 12; i++) {
      idle.row(i, i * FRAME_NS, floats(0, 0, 0, 0));
    }
    SequenceMetric pad = run(new DeadTaxels(), Map.of("column", "tactile_left"), idle);
    assertThat(pad.value()).isEqualTo(0.0);
    assertThat(pad.detail()).isEqualTo("no taxel changed: the pad was idle");

    TestTable shortEpisode = steps("tactile_left", FLOATS).row(0, 0L, floats(1, 2)).row(1, FRAME_NS, floats(1, 3));
    SequenceMetric tooShort = run(new DeadTaxels(), Map.of("column", "tactile_left"), shortEpisode);
    assertThat(tooShort.value()).isNull();
    assertThat(tooShort.detail()).isEqualTo("only 2 steps have tactile_left (need 10)");
  }

  @Test
  void accelerationUsesConsecutiveStepsWithVelocity() {
    TestTable t = steps("joint_velocity", FLOATS);
    t.row(0, 0L, floats(0, 0));
    t.row(1, 100_000_000L, floats(1, 0)); // 10 rad/s² on joint 0
    t.row(2, 200_000_000L, null); // gap: no pair across it
    t.row(3, 300_000_000L, floats(5, 0));
    t.row(4, 400_000_000L, floats(5, 8)); // 80 rad/s² on joint 1
    SequenceMetric m = run(new JointAccelerationLimits(), Map.of("max_rad_s2", 50.0), t);
    assertThat(m.value()).isCloseTo(0.5, within(1e-12));
    assertThat(m.detail()).isEqualTo("1 of 2 step pairs; worst joint_velocity[1] 80 rad/s² at step 4");
  }

  @Test
  void positionLimitsNameTheJointAndRefuseMisorderedArrays() {
    JointLimits limits = new JointLimits(List.of("elbow", "wrist"), new double[] {-1, -2}, new double[] {1, 2},
        null);
    TestTable t = steps("joint_position", FLOATS)
        .row(0, 0L, floats(0.5, 0)).row(1, 1L, floats(1.005, 0)).row(2, 2L, floats(0, -2.3)).row(3, 3L, null);
    SequenceMetric m = run(new JointPositionLimits(), Map.of("tolerance_rad", 0.01), t, limits);
    assertThat(m.value()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(m.detail()).isEqualTo("1 of 3 steps; worst joint_position[1] (wrist) 0.29 rad beyond its limit at "
        + "step 2");

    TestTable wide = steps("joint_position", FLOATS).row(0, 0L, floats(0, 0, 0));
    SequenceMetric mismatch = run(new JointPositionLimits(), Map.of(), wide, limits);
    assertThat(mismatch.value()).isNull();
    assertThat(mismatch.detail()).startsWith("joint_position has 3 values but the limits cover 2 joints");
  }

  @Test
  void jitterIsTheMeanSecondDifferenceOfConsecutiveKeypoints() {
    TestTable t = new TestTable().column("step_index", DataTypes.IntegerType).column("ts_ns", DataTypes.LongType)
        .column("keypoints", KEYPOINTS).column("hand_side", DataTypes.StringType);
    // One keypoint moving at constant velocity (zero second difference) plus a 3 mm kick at step 2.
    double[] x = {0.000, 0.010, 0.023, 0.030, 0.040};
    for (int i = 0; i < x.length; i++) {
      t.row(i, i * FRAME_NS, List.of(floats(x[i], 0, 0.5)), "right");
    }
    SequenceMetric m = run(new KeypointJitter(), Map.of("max_mm", 10.0), t);
    // triples centred at 1, 2, 3: |0.023-0.020|=3 mm, |0.030-0.046+0.010|=6 mm, |0.040-0.060+0.023|=3 mm
    assertThat(m.value()).isCloseTo(4.0, within(1e-5));

    TestTable switching = new TestTable().column("step_index", DataTypes.IntegerType)
        .column("ts_ns", DataTypes.LongType).column("keypoints", KEYPOINTS).column("hand_side", DataTypes.StringType)
        .row(0, 0L, List.of(floats(0, 0, 0)), "right").row(1, 1L, List.of(floats(1, 0, 0)), "left")
        .row(2, 2L, List.of(floats(0, 0, 0)), "right");
    SequenceMetric none = run(new KeypointJitter(), Map.of("max_mm", 10.0), switching);
    assertThat(none.value()).as("no triple of one hand").isNull();
  }
}
