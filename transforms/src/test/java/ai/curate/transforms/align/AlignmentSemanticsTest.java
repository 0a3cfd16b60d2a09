package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignFixtures.EPISODE;
import static ai.curate.transforms.align.AlignFixtures.concat;
import static ai.curate.transforms.align.AlignFixtures.config;
import static ai.curate.transforms.align.AlignFixtures.grid;
import static ai.curate.transforms.align.AlignFixtures.ms;
import static ai.curate.transforms.align.AlignFixtures.of;
import static ai.curate.transforms.align.AlignFixtures.sample;
import static ai.curate.transforms.align.AlignFixtures.stream;
import static ai.curate.transforms.align.AlignFixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The alignment semantics of docs/alignment.md, one edge case per test, as a specification of {@link ReferenceAligner}.
 * Every case also runs through the bucketed streaming merge (the Spark plan in plain Java) with several bucket
 * lengths, including buckets shorter than the max gap, and must give exactly the same result.
 */
class AlignmentSemanticsTest {

  static final StreamPolicy LINEAR_20 = StreamPolicy.linear(ms(20));
  static final StreamPolicy PREVIOUS_50 = StreamPolicy.previous(ms(50));

  /** Reference result, after checking the streaming merge agrees for several bucket lengths. */
  static ReferenceAligner.Result align(List<Sample> samples, List<GridPoint> grid, AlignmentConfig config) {
    ReferenceAligner.Result reference = ReferenceAligner.align(samples, grid, config);
    for (long bucketNs : new long[] {ms(3), ms(7), ms(50), AlignmentConfig.DEFAULT_BUCKET_NS}) {
      AlignmentConfig bucketed = new AlignmentConfig(config.policies(), bucketNs, 0);
      ReferenceAligner.Result streamed = BucketedMergeSimulator.align(samples, grid, bucketed);
      assertThat(streamed.steps()).as("streaming steps, bucket %d ns", bucketNs).isEqualTo(reference.steps());
      assertThat(streamed.stats()).as("streaming stats, bucket %d ns", bucketNs).isEqualTo(reference.stats());
    }
    for (AlignedStep step : reference.steps()) {
      assertThat(step.valid()).as("values present iff valid: %s", step).isEqualTo(step.values() != null);
      if (step.valid()) {
        assertThat(AlignMath.isUsable(step.values())).as("never NaN/infinite: %s", step).isTrue();
        assertThat(step.stalenessNs()).as("staleness within max gap: %s", step)
            .isBetween(0L, config.policy(step.stream()).maxGapNs());
      }
    }
    return reference;
  }

  static void assertValue(AlignedStep step, double expected, long stalenessNs, int sampleCount, long sourceSeq) {
    assertThat(step.valid()).as("valid: %s", step).isTrue();
    assertThat(step.values()).as("values: %s", step).containsExactly(expected);
    assertThat(step.stalenessNs()).as("staleness: %s", step).isEqualTo(stalenessNs);
    assertThat(step.sampleCount()).as("sample count: %s", step).isEqualTo(sampleCount);
    assertThat(step.sourceSeq()).as("source seq: %s", step).isEqualTo(sourceSeq);
  }

  static void assertInvalid(AlignedStep step) {
    assertThat(step.valid()).as("invalid: %s", step).isFalse();
    assertThat(step.values()).isNull();
    assertThat(step.stalenessNs()).isNull();
    assertThat(step.sourceSeq()).isNull();
    assertThat(step.sampleCount()).isZero();
  }

  @Test
  void exactTimestampHitIsUsedAsIsWithZeroStaleness() {
    AlignmentConfig config = AlignmentConfig.builder().stream("joints", LINEAR_20).stream("cmd", PREVIOUS_50)
        .stream("cam", StreamPolicy.nearest(ms(16))).build();
    List<Sample> samples = concat(stream("joints", 0, 1.0, 10, 2.0, 20, 4.0), stream("cmd", 0, 1.0, 10, 2.0),
        stream("cam", 0, 1.0, 10, 2.0, 20, 3.0));
    List<AlignedStep> steps = align(samples, grid(5, 10, 20), config).steps();

    List<AlignedStep> joints = of(steps, "joints");
    assertValue(joints.get(0), 1.5, ms(5), 2, 0);
    assertValue(joints.get(1), 2.0, 0, 1, 1);
    // Last sample of the stream: an exact hit needs no neighbour after it.
    assertValue(joints.get(2), 4.0, 0, 1, 2);
    assertValue(of(steps, "cmd").get(1), 2.0, 0, 1, 1);
    assertValue(of(steps, "cam").get(1), 2.0, 0, 1, 1);
  }

  @Test
  void duplicateTimestampsLastInFileOrderWins() {
    // File order is seq, not list order: seq 5 at 20 ms was written after seq 2 at 20 ms.
    List<Sample> samples = List.of(sample("cmd", 10, 0, 1.0), sample("cmd", 10, 1, 2.0), sample("cmd", 20, 5, 7.0),
        sample("cmd", 20, 2, 3.0));
    ReferenceAligner.Result result = align(samples, grid(10, 20), config("cmd", PREVIOUS_50));
    assertValue(result.steps().get(0), 2.0, 0, 1, 1);
    assertValue(result.steps().get(1), 7.0, 0, 1, 5);
    assertThat(result.stats()).containsExactly(new StreamStats(EPISODE, "cmd", 4, 0, 2, 0));

    ReferenceAligner.Result linear = align(samples, grid(15), config("cmd", LINEAR_20));
    assertValue(linear.steps().get(0), 4.5, ms(5), 2, 1);
  }

  @Test
  void outOfOrderInputIsSortedAndFlagged() {
    List<Sample> samples = stream("joints", 0, 0.0, 20, 20.0, 10, 10.0, 30, 30.0);
    ReferenceAligner.Result result = align(samples, grid(5, 15, 25), config("joints", LINEAR_20));
    assertValue(result.steps().get(0), 5.0, ms(5), 2, 0);
    assertValue(result.steps().get(1), 15.0, ms(5), 2, 2);
    assertValue(result.steps().get(2), 25.0, ms(5), 2, 1);
    assertThat(result.stats()).containsExactly(new StreamStats(EPISODE, "joints", 4, 0, 0, 1));
    assertThat(result.stats().get(0).outOfOrder()).isTrue();

    ReferenceAligner.Result sorted = align(stream("joints", 0, 0.0, 10, 10.0), grid(5), config("joints", LINEAR_20));
    assertThat(sorted.stats().get(0).outOfOrder()).isFalse();
  }

  @Test
  void neighboursFartherThanMaxGapGiveInvalidValuesAndTheBoundIsInclusive() {
    List<Sample> samples = stream("joints", 0, 0.0, 40, 40.0, 100, 100.0);
    List<AlignedStep> linear = align(samples, grid(20, 70, 80), config("joints", LINEAR_20)).steps();
    assertValue(linear.get(0), 20.0, ms(20), 2, 0);
    assertInvalid(linear.get(1));
    assertInvalid(linear.get(2));

    List<Sample> commands = stream("cmd", 0, 1.0);
    List<AlignedStep> previous = align(commands, grid(50, 50.000001), config("cmd", PREVIOUS_50)).steps();
    assertValue(previous.get(0), 1.0, ms(50), 1, 0);
    assertInvalid(previous.get(1));

    List<AlignedStep> nearest = align(stream("cam", 0, 1.0, 100, 2.0), grid(10, 10.000001, 89.999999, 90), config("cam",
        StreamPolicy.nearest(ms(10)))).steps();
    assertValue(nearest.get(0), 1.0, ms(10), 1, 0);
    assertInvalid(nearest.get(1));
    assertInvalid(nearest.get(2));
    assertValue(nearest.get(3), 2.0, ms(10), 1, 1);
  }

  @Test
  void noExtrapolationPastTheFirstOrLastSample() {
    AlignmentConfig config = AlignmentConfig.builder().stream("lin", LINEAR_20)
        .stream("prev", StreamPolicy.previous(ms(20))).stream("near", StreamPolicy.nearest(ms(20))).build();
    List<Sample> samples = concat(stream("lin", 10, 1.0, 20, 2.0, 30, 3.0), stream("prev", 10, 1.0, 20, 2.0, 30, 3.0),
        stream("near", 10, 1.0, 20, 2.0, 30, 3.0));
    List<AlignedStep> steps = align(samples, grid(5, 35), config).steps();
    assertInvalid(of(steps, "lin").get(0));
    assertInvalid(of(steps, "lin").get(1));
    assertInvalid(of(steps, "prev").get(0));
    assertValue(of(steps, "prev").get(1), 3.0, ms(5), 1, 2);
    // Nearest may use a sample after t (that is a choice of neighbour, not extrapolation).
    assertValue(of(steps, "near").get(0), 1.0, ms(5), 1, 0);
    assertValue(of(steps, "near").get(1), 3.0, ms(5), 1, 2);
  }

  @Test
  void nonzeroClockOffsetIsAppliedOnceBeforeAlignment() {
    List<Sample> deviceClock = stream("wrench", 0, 0.0, 10, 10.0, 20, 20.0);
    List<Sample> robotClock = ClockOffsets.shift(deviceClock, ms(3));
    List<AlignedStep> steps = align(robotClock, grid(3, 8, 13, 24), config("wrench", LINEAR_20)).steps();
    assertValue(steps.get(0), 0.0, 0, 1, 0);
    assertValue(steps.get(1), 5.0, ms(5), 2, 0);
    assertValue(steps.get(2), 10.0, 0, 1, 1);
    assertInvalid(steps.get(3));
    // Negative offsets too: the device clock runs ahead.
    List<AlignedStep> ahead = align(ClockOffsets.shift(deviceClock, -ms(4)), grid(6), config("wrench", LINEAR_20))
        .steps();
    assertValue(ahead.get(0), 10.0, 0, 1, 1);
  }

  @Test
  void droppedCameraFramesLeaveGapsInsteadOfStretchingNeighbours() {
    // 30 fps camera, frames 4 and 5 dropped; seq = frame_index so source_seq is the frame reference.
    List<Sample> frames = new ArrayList<>();
    List<GridPoint> grid = new ArrayList<>();
    for (int k = 0; k < 10; k++) {
      long frameTs = Math.round(k * 1e9 / 30);
      if (k != 4 && k != 5) {
        frames.add(new Sample(EPISODE, "cam_left", frameTs, k, v(k)));
      }
      grid.add(new GridPoint(EPISODE, k, frameTs + ms(5)));
    }
    StreamPolicy halfFrame = StreamPolicy.cameraDefault(30);
    assertThat(halfFrame.maxGapNs()).isEqualTo(16_666_666L);
    List<AlignedStep> steps = align(frames, grid, config("cam_left", halfFrame)).steps();
    for (int k = 0; k < 10; k++) {
      if (k == 4 || k == 5) {
        assertInvalid(steps.get(k));
      } else {
        assertValue(steps.get(k), k, ms(5), 1, k);
      }
    }
  }

  @Test
  void nanSamplesAreMissingAndNeverInterpolatedThrough() {
    List<Sample> samples = List.of(sample("joints", 0, 0, 0.0), sample("joints", 10, 1, Double.NaN),
        sample("joints", 20, 2, 20.0));
    // The NaN sample is as if dropped: the value at 10 ms comes from the usable neighbours, never from NaN.
    ReferenceAligner.Result result = align(samples, grid(10, 15), config("joints", LINEAR_20));
    assertValue(result.steps().get(0), 10.0, ms(10), 2, 0);
    assertValue(result.steps().get(1), 15.0, ms(15), 2, 0);
    assertThat(result.stats()).containsExactly(new StreamStats(EPISODE, "joints", 3, 1, 0, 0));
    // ... and when the usable neighbours are out of reach, the step is invalid (not NaN).
    assertInvalid(align(samples, grid(10), config("joints", StreamPolicy.linear(ms(5)))).steps().get(0));
    // Previous: the command in force is the last usable one.
    assertValue(align(samples, grid(10), config("joints", StreamPolicy.previous(ms(20)))).steps().get(0),
        0.0, ms(10), 1, 0);
    // Nearest: the NaN at distance 0 is skipped.
    assertValue(align(samples, grid(11), config("joints", StreamPolicy.nearest(ms(10)))).steps().get(0),
        20.0, ms(9), 1, 2);
  }

  @Test
  void nullArraysNullElementsAndInfinitiesAreMissingToo() {
    List<Sample> samples = List.of(sample("w", 0, 0, 1.0, 1.0), sample("w", 5, 1, (double[]) null),
        sample("w", 6, 2, 1.0, Double.POSITIVE_INFINITY), sample("w", 10, 3, 3.0, 5.0));
    ReferenceAligner.Result result = align(samples, grid(5, 6), config("w", LINEAR_20));
    assertThat(result.steps().get(0).values()).containsExactly(2.0, 3.0);
    assertThat(result.steps().get(1).values()).containsExactly(2.2, 3.4);
    assertThat(result.stats()).containsExactly(new StreamStats(EPISODE, "w", 4, 2, 0, 0));
  }

  @Test
  void duplicateOfAMissingSampleDoesNotHideTheUsableOne() {
    // Missing samples are dropped before the tie rule: a NaN written last at the same ts does not win.
    List<Sample> samples = List.of(sample("cmd", 10, 0, 1.0), sample("cmd", 10, 1, Double.NaN));
    ReferenceAligner.Result result = align(samples, grid(10), config("cmd", PREVIOUS_50));
    assertValue(result.steps().get(0), 1.0, 0, 1, 0);
    assertThat(result.stats()).containsExactly(new StreamStats(EPISODE, "cmd", 2, 1, 0, 0));
  }

  @Test
  void nearestTieGoesToTheEarlierSample() {
    List<AlignedStep> steps = align(stream("cam", 0, 1.0, 20, 2.0), grid(10),
        config("cam", StreamPolicy.nearest(ms(10)))).steps();
    assertValue(steps.get(0), 1.0, ms(10), 1, 0);
  }

  @Test
  void windowMeanAndMaxAggregateTheHalfOpenInterval() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      samples.add(sample("force", i, i - 1, i, -i));
    }
    List<AlignedStep> mean = align(samples, grid(10, 12, 20, 5), config("force", StreamPolicy.windowMean(ms(5))))
        .steps();
    // (5, 10]: samples 6..10.
    assertThat(mean.get(0).values()).containsExactly(8.0, -8.0);
    assertThat(mean.get(0).sampleCount()).isEqualTo(5);
    assertThat(mean.get(0).stalenessNs()).isZero();
    assertThat(mean.get(0).sourceSeq()).isEqualTo(9);
    // (7, 12]: samples 8..10, freshest 2 ms old.
    assertThat(mean.get(1).values()).containsExactly(9.0, -9.0);
    assertThat(mean.get(1).stalenessNs()).isEqualTo(ms(2));
    assertInvalid(mean.get(2));
    // (0, 5]: 1..5, the sample at exactly t - window is excluded by (5, 10] above and included here.
    assertThat(mean.get(3).values()).containsExactly(3.0, -3.0);

    List<AlignedStep> max = align(samples, grid(10), config("force", StreamPolicy.windowMax(ms(5)))).steps();
    assertThat(max.get(0).values()).containsExactly(10.0, -6.0);
  }

  @Test
  void everyGridStepGetsARowPerConfiguredStreamAndOtherStreamsAreIgnored() {
    AlignmentConfig config = AlignmentConfig.builder().stream("joints", LINEAR_20).stream("silent", PREVIOUS_50)
        .build();
    List<Sample> samples = concat(stream("joints", 0, 0.0, 10, 1.0), stream("not_configured", 0, 5.0));
    ReferenceAligner.Result result = align(samples, grid(0, 5), config);
    assertThat(result.steps()).hasSize(4);
    assertThat(of(result.steps(), "silent")).allSatisfy(AlignmentSemanticsTest::assertInvalid);
    assertThat(result.stats()).extracting(StreamStats::stream).containsExactly("joints");
  }

  @Test
  void samplesOfOneStreamWithDifferentLengthsFailWithAClearMessage() {
    List<Sample> samples = List.of(sample("w", 0, 0, 1.0, 2.0), sample("w", 10, 1, 1.0));
    assertThatThrownBy(() -> ReferenceAligner.align(samples, grid(5), config("w", LINEAR_20)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("different lengths (2 and 1)").hasMessageContaining("stream 'w'")
        .hasMessageContaining(EPISODE);
    assertThatThrownBy(() -> BucketedMergeSimulator.align(samples, grid(5), config("w", LINEAR_20)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different lengths (2 and 1)");
  }

  @Test
  void defaultPoliciesFollowTheDesign() {
    assertThat(StreamKind.fromManifest("joint_state").defaultPolicy()).isEqualTo(StreamPolicy.linear(ms(20)));
    assertThat(StreamKind.fromManifest("wrench").defaultPolicy()).isEqualTo(StreamPolicy.linear(ms(20)));
    assertThat(StreamKind.fromManifest("joint_command").defaultPolicy()).isEqualTo(StreamPolicy.previous(ms(50)));
    assertThat(StreamKind.fromManifest("tactile").defaultPolicy()).isEqualTo(StreamPolicy.previous(ms(20)));
    assertThat(StreamKind.CAMERA.defaultPolicy(50)).isEqualTo(StreamPolicy.nearest(ms(10)));
    assertThatThrownBy(() -> StreamKind.fromManifest("lidar")).hasMessageContaining("Unknown stream kind 'lidar'");
    assertThatThrownBy(() -> StreamPolicy.linear(-1)).hasMessageContaining("max gap must be >= 0");
    assertThatThrownBy(() -> AlignmentConfig.builder().build()).hasMessageContaining("no streams");
  }
}
