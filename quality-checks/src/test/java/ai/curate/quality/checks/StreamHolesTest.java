package ai.curate.quality.checks;

import static ai.curate.quality.checks.MetricHarness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.quality.TestTable;
import ai.curate.quality.checks.robot.CameraGaps;
import ai.curate.quality.checks.robot.StreamGaps;
import ai.curate.quality.checks.robot.StreamHoles;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Gap measurement of {@code stream_gaps} / {@code camera_gaps}, step by step, without a SparkSession. */
class StreamHolesTest {
  private static final long FRAME_NS = 33_333_333L;
  private static final long MS = 1_000_000L;

  /**
   * Whether a LINEAR stream with max gap {@code maxGapNs} is valid at {@code t} (docs/alignment.md): a usable
   * sample at t, or one at or before t and one after t, both within the max gap. Samples every {@code periodNs}
   * from 0, none strictly inside (holeFrom, holeTo).
   */
  private static boolean linearValid(long t, long periodNs, long holeFrom, long holeTo, long maxGapNs) {
    long prev = Math.floorDiv(t, periodNs) * periodNs;
    long next = prev + periodNs;
    if (prev > holeFrom && prev < holeTo) {
      prev = holeFrom;
    }
    if (next > holeFrom && next < holeTo) {
      next = holeTo;
    }
    return prev == t ? true : t - prev <= maxGapNs && next - t <= maxGapNs;
  }

  /** A 30 fps grid of {@code steps} over a 500 Hz joint-state stream with a hole of {@code holeNs} at 1.31 s. */
  private static StreamHoles jointStateWithHole(int steps, long holeNs) {
    StreamHoles holes = new StreamHoles();
    long from = 1310 * MS;
    for (int i = 0; i < steps; i++) {
      holes.step(i, i * FRAME_NS, linearValid(i * FRAME_NS, 2 * MS, from, from + holeNs, 20 * MS));
    }
    return holes;
  }

  @Test
  void a200MsHoleInA500HzStreamLeavesSixStepsAndReadsAsTheIntervalBetweenTheStepsAroundIt() {
    StreamHoles holes = jointStateWithHole(90, 200 * MS);
    assertThat(holes.found()).isTrue();
    assertThat(holes.missingSteps()).isEqualTo(6);
    // Steps 40..45 lie inside (1.310 s, 1.510 s); the stream's values around them are at steps 39 and 46.
    assertThat(holes.longestNs()).isEqualTo(7 * FRAME_NS);
    assertThat(holes.describe("joint_state")).isEqualTo("joint_state has no value at steps 40-45 (6 steps): "
        + "233.3 ms from its value at step 39 (1.300 s into the episode, ts_ns 1299999987) to step 46");
  }

  @Test
  void aCleanStreamHasNoHoleAndTheGridResolvesShortHolesOnlyToItsInterval() {
    StreamHoles clean = jointStateWithHole(90, 0);
    assertThat(clean.found()).isFalse();
    assertThat(clean.longestNs()).isZero();
    assertThat(clean.describe("joint_state")).isNull();
    assertThat(clean.anyValue()).isTrue();
    // 30 ms (1.310..1.340 s): step 40 at 1.333 s is 23 ms from the sample before it, over the 20 ms max gap, so
    // it has no value; the hole reads as the two grid intervals around it.
    StreamHoles shortHole = jointStateWithHole(90, 30 * MS);
    assertThat(shortHole.missingSteps()).isEqualTo(1);
    assertThat(shortHole.longestNs()).isEqualTo(2 * FRAME_NS);
  }

  @Test
  void runsAtTheEpisodesEdgesAreNotHolesAndTheLongestInteriorHoleWins() {
    StreamHoles holes = new StreamHoles();
    boolean[] valid = {false, false, true, false, true, true, false, false, true, false, false, true, false};
    for (int i = 0; i < valid.length; i++) {
      holes.step(i, i * 10 * MS, valid[i]);
    }
    // Holes: steps 3 (2..4: 20 ms), 6-7 (5..8: 30 ms), 9-10 (8..11: 30 ms, equal: the first is kept).
    assertThat(holes.longestNs()).isEqualTo(30 * MS);
    assertThat(holes.missingSteps()).isEqualTo(2);
    assertThat(holes.describe("action")).startsWith("action has no value at steps 6-7 (2 steps): 30 ms from its "
        + "value at step 5 (0.050 s into the episode");

    StreamHoles one = new StreamHoles();
    one.step(0, 0, true);
    one.step(1, 10 * MS, false);
    one.step(2, 25 * MS, true);
    assertThat(one.describe("wrench_left")).isEqualTo("wrench_left has no value at step 1 (1 step): 25 ms from its "
        + "value at step 0 (0.000 s into the episode, ts_ns 0) to step 2");
  }

  @Test
  void theMetricIsTheLongestHoleAndHoldsVacuouslyWhenTheStreamNeverHasAValue() {
    TestTable t = new TestTable().column("step_index", DataTypes.IntegerType).column("ts_ns", DataTypes.LongType)
        .column("joint_state_valid", DataTypes.BooleanType).column("action_valid", DataTypes.BooleanType);
    for (int i = 0; i < 30; i++) {
      // A step without a timestamp cannot be placed: skipped, neither a value nor a hole.
      t.row(i, i == 12 ? null : i * FRAME_NS, i < 10 || i > 14 || i == 12, false);
    }
    SequenceMetric joints = run(new StreamGaps(), params("joint_state", 500.0, 50.0), t);
    // Steps 10, 11, 13, 14 lack joint states: from step 9 to step 15.
    assertThat(joints.value()).isCloseTo(6 * FRAME_NS / 1e6, within(1e-9));
    assertThat(joints.detail()).startsWith("joint_state has no value at steps 10-14 (4 steps): 200 ms");
    assertThat(joints.vacuous()).isFalse();

    SequenceMetric action = run(new StreamGaps(), params("action", 50.0, 5.0), t);
    assertThat(action.value()).isNull();
    assertThat(action.vacuous()).isTrue();
    assertThat(action.detail()).isEqualTo("action has no value at any step");

    TestTable untimed = new TestTable().column("step_index", DataTypes.IntegerType)
        .column("ts_ns", DataTypes.LongType).column("action_valid", DataTypes.BooleanType).row(0, null, true);
    SequenceMetric noClock = run(new StreamGaps(), params("action", 50.0, 5.0), untimed);
    assertThat(noClock.vacuous()).isFalse();
    assertThat(noClock.detail()).isEqualTo("no step has a timestamp");
  }

  @Test
  void aCameraHasAStepWhenItsFrameIndexHoldsAFrame() {
    TestTable t = new TestTable().column("step_index", DataTypes.IntegerType).column("ts_ns", DataTypes.LongType)
        .column("camera_frame_index", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType));
    for (int i = 0; i < 20; i++) {
      Map<String, Integer> frames = new HashMap<>();
      frames.put("head", i);
      // wrist: a frame every other step (15 fps on a 30 fps grid), then three frames dropped (steps 9..13);
      // absent and null both mean no frame.
      boolean frame = i % 2 == 0 && (i < 9 || i > 13);
      if (frame || i % 3 == 0) {
        frames.put("wrist", frame ? i / 2 : null);
      }
      t.row(i, i * FRAME_NS, frames);
    }
    SequenceMetric wrist = run(new CameraGaps(), Map.of("camera", "wrist", "nominal_hz", 15.0, "max_periods", 3.0),
        t);
    assertThat(wrist.value()).isCloseTo(6 * FRAME_NS / 1e6, within(1e-9));
    assertThat(wrist.detail()).startsWith("camera wrist has no value at steps 9-13 (5 steps)");
    SequenceMetric head = run(new CameraGaps(), Map.of("camera", "head", "nominal_hz", 30.0, "max_periods", 3.0), t);
    assertThat(head.value()).isZero();
    SequenceMetric typo = run(new CameraGaps(), Map.of("camera", "wirst", "nominal_hz", 15.0, "max_periods", 3.0),
        t);
    assertThat(typo.value()).isNull();
    assertThat(typo.vacuous()).as("a robot without the camera: camera_frame_drops judges it").isTrue();
  }

  @Test
  void theThresholdIsAMultipleOfTheNominalPeriodInMilliseconds() {
    StreamGaps check = new StreamGaps();
    assertThat(check.threshold(MetricHarness.params(check, params("joint_state", 500.0, 50.0))).text())
        .isEqualTo("<= 100");
    assertThat(check.threshold(MetricHarness.params(check, params("joint_state", 500.0, 250.0))).holds(500.0))
        .isTrue();
    CameraGaps camera = new CameraGaps();
    assertThat(camera.threshold(MetricHarness.params(camera, Map.of("camera", "wrist_right", "nominal_hz", 15.0,
        "max_periods", 7.5))).text()).isEqualTo("<= 500");
    assertThat(check.measures(MetricHarness.params(check, params("tactile_left", 200.0, 20.0))))
        .isEqualTo("longest tactile_left gap (ms)");
  }

  private static Map<String, Object> params(String modality, double hz, double periods) {
    return Map.of("modality", modality, "nominal_hz", hz, "max_periods", periods);
  }
}
