package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class FrameTimingTest {
  private static final double SPREAD = VideoAnalysisOptions.defaults().vfrMinSpread();

  /** JavaCV's truncating conversion of pts in a 1/15360 time base (512 ticks a frame at 30 fps). */
  private static long[] cfr30(int frames) {
    return LongStream.range(0, frames).map(i -> 1_000_000L * i * 512 / 15360).toArray();
  }

  @Test
  void constantThirtyFpsIsMeasuredAsThirtyAndNotVariable() {
    long[] pts = cfr30(621);
    FrameTiming t = FrameTiming.of(pts, pts.length, SPREAD);

    assertThat(t.frameCount()).isEqualTo(621);
    assertThat(t.measuredFps()).isCloseTo(30.0, within(1e-3));
    assertThat(t.medianIntervalUs()).isBetween(33_333L, 33_334L);
    assertThat(t.spread()).isLessThan(0.001);
    assertThat(t.variableFrameRate()).isFalse();
    assertThat(t.nonIncreasingCount()).isZero();
    assertThat(t.decodedSpanUs()).isEqualTo(pts[620] - pts[0] + t.medianIntervalUs());
  }

  @Test
  void aFewDroppedFramesAreAGapNotVariableFrameRate() {
    long[] all = cfr30(300);
    long[] pts = LongStream.of(all).filter(p -> p != all[100] && p != all[200]).toArray();
    FrameTiming t = FrameTiming.of(pts, pts.length, SPREAD);

    assertThat(t.variableFrameRate()).isFalse();
    assertThat(t.maxIntervalUs()).isBetween(66_666L, 66_667L);
  }

  @Test
  void irregularIntervalsAreVariableFrameRate() {
    // Frames kept where n % 3 == 0 or n % 5 == 0: intervals of 1, 2 and 3 frame periods.
    long[] all = cfr30(300);
    long[] pts = LongStream.range(0, 300).filter(n -> n % 3 == 0 || n % 5 == 0).map(n -> all[(int) n]).toArray();
    FrameTiming t = FrameTiming.of(pts, pts.length, SPREAD);

    assertThat(t.spread()).isGreaterThan(0.5);
    assertThat(t.variableFrameRate()).isTrue();
  }

  @Test
  void countsDuplicateAndBackwardTimestamps() {
    long[] pts = {0, 100, 100, 50, 200};
    assertThat(FrameTiming.of(pts, pts.length, SPREAD).nonIncreasingCount()).isEqualTo(2);
  }

  @Test
  void onlyTheFirstCountEntriesAreUsed() {
    long[] pts = {0, 10, 20, 30, -999, -999};
    FrameTiming t = FrameTiming.of(pts, 4, SPREAD);
    assertThat(t.lastPtsUs()).isEqualTo(30);
    assertThat(t.nonIncreasingCount()).isZero();
  }

  @Test
  void zeroAndOneFrameHaveNoRate() {
    assertThat(FrameTiming.of(new long[0], 0, SPREAD).measuredFps()).isNull();
    assertThat(FrameTiming.of(new long[0], 0, SPREAD).decodedSpanUs()).isNull();
    FrameTiming one = FrameTiming.of(new long[] {5}, 1, SPREAD);
    assertThat(one.measuredFps()).isNull();
    assertThat(one.firstPtsUs()).isEqualTo(5);
    assertThat(one.decodedSpanUs()).isZero();
    assertThat(one.variableFrameRate()).isFalse();
  }

  @Test
  void percentileIsNearestRank() {
    long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    assertThat(FrameTiming.percentile(sorted, 0.1)).isEqualTo(1);
    assertThat(FrameTiming.percentile(sorted, 0.5)).isEqualTo(5);
    assertThat(FrameTiming.percentile(sorted, 0.9)).isEqualTo(9);
  }
}
