package ai.curate.transforms.gold.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogBucketSketchTest {
  private static final int BITS = LogBucketSketch.DEFAULT_MANTISSA_BITS;

  @Test
  void bucketKeysPreserveTheOrderOfValues() {
    Random random = new Random(1);
    float[] values = new float[50_000];
    for (int i = 0; i < values.length; i++) {
      values[i] = ExactFloatMomentsTest.randomFloat(random);
    }
    Arrays.sort(values);
    for (int i = 1; i < values.length; i++) {
      assertThat(LogBucketSketch.key(values[i], BITS)).as("%s then %s", values[i - 1], values[i])
          .isGreaterThanOrEqualTo(LogBucketSketch.key(values[i - 1], BITS));
    }
    assertThat(LogBucketSketch.key(-0.0f, BITS)).isEqualTo(LogBucketSketch.key(0.0f, BITS)).isZero();
  }

  @Test
  void everyValueIsWithinTheDocumentedErrorOfItsBucketMidpoint() {
    Random random = new Random(2);
    double relative = LogBucketSketch.relativeError(BITS);
    double absolute = LogBucketSketch.subnormalAbsoluteError(BITS);
    assertThat(relative).isEqualTo(1.0 / 512);
    for (int i = 0; i < 200_000; i++) {
      float v = ExactFloatMomentsTest.randomFloat(random);
      double mid = LogBucketSketch.midpoint(LogBucketSketch.key(v, BITS), BITS);
      double bound = Math.abs(v) >= Float.MIN_NORMAL ? relative * Math.abs(v) : absolute;
      assertThat(Math.abs(mid - v)).as("value %s, midpoint %s", v, mid).isLessThanOrEqualTo(bound);
    }
  }

  @Test
  void representativesOfRanksComeFromTheBucketsHoldingThoseRanks() {
    LogBucketSketch s = new LogBucketSketch(BITS);
    float[] values = {-3f, -1f, 0f, 0f, 0.5f, 2f, 2f, 2f, 100f};
    for (float v : values) {
      s.add(v);
    }
    long[] ranks = {0, 1, 2, 3, 4, 5, 8};
    double[] reps = s.representatives(ranks);
    for (int i = 0; i < ranks.length; i++) {
      float x = values[(int) ranks[i]];
      assertThat(Math.abs(reps[i] - x)).as("rank %d", ranks[i])
          .isLessThanOrEqualTo(Math.max(Math.abs(x) / 512, LogBucketSketch.subnormalAbsoluteError(BITS)));
    }
    assertThatThrownBy(() -> s.representatives(new long[] {9})).hasMessageContaining("ranks must ascend");
  }

  @Test
  void mergingSketchesOfDifferentPrecisionIsRefused() {
    assertThatThrownBy(() -> new LogBucketSketch(8).merge(new LogBucketSketch(7)))
        .hasMessageContaining("cannot merge sketches of 8 and 7 mantissa bits");
  }
}
