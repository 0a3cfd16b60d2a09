package ai.curate.transforms.gold.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FeatureAccumulatorTest {
  private static final double[] QUANTILES = {0.0, 0.01, 0.10, 0.25, 0.50, 0.90, 0.99, 1.0};

  @Test
  void quantilesAreWithinTheDocumentedBoundOfTheExactLinearQuantile() {
    Random random = new Random(17);
    for (int trial = 0; trial < 40; trial++) {
      int n = 1 + random.nextInt(trial < 10 ? 12 : 4_000);
      float[] values = new float[n];
      for (int i = 0; i < n; i++) {
        values[i] = switch (trial % 4) {
          case 0 -> (float) random.nextGaussian();
          case 1 -> (float) (random.nextDouble() * 1e-3);
          case 2 -> random.nextInt(5) == 0 ? 0f : (float) Math.exp(random.nextGaussian() * 4);
          default -> (float) (random.nextGaussian() * 50 - 20);
        };
      }
      FeatureAccumulator acc = new FeatureAccumulator();
      for (float v : values) {
        acc.add(v);
      }
      FeatureSummary s = acc.summary(QUANTILES);
      float[] sorted = values.clone();
      Arrays.sort(sorted);
      assertThat(s.count()).isEqualTo(n);
      assertThat(s.min()).isEqualTo(sorted[0]);
      assertThat(s.max()).isEqualTo(sorted[n - 1]);
      for (int i = 0; i < QUANTILES.length; i++) {
        double h = QUANTILES[i] * (n - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        double exact = sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
        double bound = LogBucketSketch.relativeError(8) * Math.max(Math.abs(sorted[lo]), Math.abs(sorted[hi]))
            + LogBucketSketch.subnormalAbsoluteError(8) + 1e-12 * Math.abs(exact);
        assertThat(Math.abs(s.quantiles()[i] - exact)).as("trial %d, n %d, q %s", trial, n, QUANTILES[i])
            .isLessThanOrEqualTo(bound);
      }
      assertThat(s.quantiles()[0]).isEqualTo(sorted[0]);
      assertThat(s.quantiles()[QUANTILES.length - 1]).isEqualTo(sorted[n - 1]);
    }
  }

  @Test
  void nonFiniteValuesAreCountedAndLeftOutOfEveryStatistic() {
    FeatureAccumulator acc = new FeatureAccumulator()
        .add(1f).add(Float.NaN).add(3f).add(Float.POSITIVE_INFINITY).add(Float.NEGATIVE_INFINITY);
    FeatureSummary s = acc.summary(new double[] {0.5});
    assertThat(s.count()).isEqualTo(2);
    assertThat(s.nonFiniteCount()).isEqualTo(3);
    assertThat(s.mean()).isEqualTo(2.0);
    assertThat(s.std()).isEqualTo(1.0);
    assertThat(s.min()).isEqualTo(1.0);
    assertThat(s.max()).isEqualTo(3.0);
    assertThat(s.quantiles()[0]).isEqualTo(2.0);
  }

  @Test
  void emptyStateHasCountZeroAndNaNs() {
    FeatureSummary s = new FeatureAccumulator().summary(new double[] {0.5});
    assertThat(s.count()).isZero();
    assertThat(s.mean()).isNaN();
    assertThat(s.quantiles()[0]).isNaN();
  }

  @Test
  void bytesAreCanonicalAcrossPartitioningAndMergeOrderAndRoundTrip() {
    Random random = new Random(23);
    List<Float> values = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      values.add((float) (random.nextGaussian() * 2));
    }
    values.add(Float.NaN);
    FeatureAccumulator whole = new FeatureAccumulator();
    values.forEach(whole::add);

    for (int seed = 0; seed < 5; seed++) {
      List<Float> shuffled = new ArrayList<>(values);
      Collections.shuffle(shuffled, new Random(seed));
      List<FeatureAccumulator> parts = new ArrayList<>();
      int size = 100 + seed * 331;
      for (int start = 0; start < shuffled.size(); start += size) {
        FeatureAccumulator p = new FeatureAccumulator();
        shuffled.subList(start, Math.min(shuffled.size(), start + size)).forEach(p::add);
        parts.add(p);
      }
      Collections.shuffle(parts, new Random(seed + 100));
      FeatureAccumulator merged = new FeatureAccumulator();
      for (FeatureAccumulator p : parts) {
        // Through bytes, as partial states travel between Spark tasks.
        merged.merge(FeatureAccumulator.fromBytes(p.toBytes()));
      }
      assertThat(merged.toBytes()).as("partitioning %d", seed).isEqualTo(whole.toBytes());
    }
    FeatureAccumulator copy = FeatureAccumulator.fromBytes(whole.toBytes());
    assertThat(copy.summary(QUANTILES)).usingRecursiveComparison().isEqualTo(whole.summary(QUANTILES));
  }

  @Test
  void garbageStateIsRejectedWithTheColumnNamed() {
    assertThatThrownBy(() -> FeatureAccumulator.fromBytes(new byte[] {9, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("gold.feature_stats.state")
        .hasMessageContaining("unknown state format 9");
  }
}
