package ai.curate.quality.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.quality.metrics.ExactMoments.Moment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The exact moments without Spark: exactness, order independence, and what nulls and non-finite values give. */
class ExactMomentsTest {

  private static Double fold(List<Double> values, Moment moment) {
    return ExactMomentsTestFolds.fold(values, moment);
  }

  @Test
  void sumsExactlyWhereAFloatingPointFoldLosesTheSmallValue() {
    // 1e16 + 1 rounds back to 1e16 in doubles, so a left fold gives a mean of 0; the exact mean is 1/3.
    List<Double> values = Arrays.asList(1e16, 1.0, -1e16);
    assertThat(values.get(0) + values.get(1) + values.get(2)).isEqualTo(0.0);
    assertThat(fold(values, Moment.MEAN)).isEqualTo(1.0 / 3);
    // Population: deviations 1e16 - 1/3, 2/3, -1e16 - 1/3 -> variance (2e32 + 2/3) / 3 (a fold's sum of squares
    // would be exact here too; the mean is what it loses).
    assertThat(fold(values, Moment.STDDEV_POP)).isCloseTo(Math.sqrt(2e32 / 3), org.assertj.core.data.Percentage
        .withPercentage(1e-13));
    assertThat(fold(List.of(1.0, 2.0, 3.0, 4.0), Moment.STDDEV_POP)).isEqualTo(Math.sqrt(1.25));
    assertThat(fold(List.of(7.5), Moment.STDDEV_POP)).isEqualTo(0.0);
  }

  @Test
  void givesTheSameBitsWhateverTheOrderAndTheSplitIntoPartitions() {
    Random random = new Random(7);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      values.add(random.nextGaussian() * Math.pow(10, random.nextInt(24) - 12));
    }
    for (Moment moment : Moment.values()) {
      Double inOrder = fold(values, moment);
      for (int round = 0; round < 5; round++) {
        List<Double> shuffled = new ArrayList<>(values);
        Collections.shuffle(shuffled, random);
        ExactMoments agg = new ExactMoments(moment);
        ExactMoments.State merged = agg.zero();
        int at = 0;
        while (at < shuffled.size()) {
          int end = Math.min(shuffled.size(), at + 1 + random.nextInt(400));
          ExactMoments.State part = agg.zero();
          for (Double v : shuffled.subList(at, end)) {
            part = agg.reduce(part, v);
          }
          merged = agg.merge(merged, part);
          at = end;
        }
        assertThat(agg.finish(merged)).as("%s, round %d", moment, round).isEqualTo(inOrder);
      }
    }
  }

  @Test
  void skipsNullsAndFollowsTheNonFiniteValuesAsASumWould() {
    assertThat(fold(Arrays.asList((Double) null, null), Moment.MEAN)).isNull();
    assertThat(fold(Arrays.asList(null, 2.0, 4.0), Moment.MEAN)).isEqualTo(3.0);
    assertThat(fold(Arrays.asList(1.0, Double.NaN), Moment.MEAN)).isNaN();
    assertThat(fold(Arrays.asList(1.0, Double.POSITIVE_INFINITY), Moment.MEAN)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(fold(Arrays.asList(1.0, Double.NEGATIVE_INFINITY), Moment.MEAN)).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat(fold(Arrays.asList(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY), Moment.MEAN)).isNaN();
    assertThat(fold(Arrays.asList(1.0, Double.POSITIVE_INFINITY), Moment.STDDEV_POP)).isNaN();
  }
}
