package ai.curate.transforms.gold.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExactFloatMomentsTest {

  @Test
  void sumAndSumOfSquaresAreExactOverTheWholeFloatRange() {
    Random random = new Random(11);
    List<Float> values = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      values.add(randomFloat(random));
    }
    values.add(Float.MAX_VALUE);
    values.add(-Float.MAX_VALUE);
    values.add(Float.MIN_VALUE);
    values.add(-Float.MIN_NORMAL);
    values.add(0.0f);
    values.add(-0.0f);
    ExactFloatMoments m = new ExactFloatMoments();
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal squares = BigDecimal.ZERO;
    for (float v : values) {
      m.add(v);
      BigDecimal exact = new BigDecimal(v); // a float widens to double exactly
      sum = sum.add(exact);
      squares = squares.add(exact.multiply(exact));
    }
    assertThat(m.count()).isEqualTo(values.size());
    assertThat(m.sum().compareTo(sum)).as("exact sum").isZero();
    assertThat(m.sumOfSquares().compareTo(squares)).as("exact sum of squares").isZero();
  }

  @Test
  void stdHasNoCancellationErrorWhereTheTextbookFormulaInDoublesFails() {
    // Values around 1e6 with a spread of 0.0625: E[x^2] - E[x]^2 in doubles loses every significant digit.
    ExactFloatMoments m = new ExactFloatMoments();
    double naiveSum = 0;
    double naiveSquares = 0;
    List<BigDecimal> exact = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      float v = 1_000_000f + (i % 2 == 0 ? 0.0625f : -0.0625f);
      m.add(v);
      naiveSum += v;
      naiveSquares += (double) v * v;
      exact.add(new BigDecimal(v));
    }
    double naiveVariance = naiveSquares / 10_000 - (naiveSum / 10_000) * (naiveSum / 10_000);
    double expectedStd = twoPassStd(exact);
    assertThat(expectedStd).isEqualTo(0.0625);
    assertThat(Math.abs(naiveVariance - 0.0625 * 0.0625)).as("the naive formula is wrong here")
        .isGreaterThan(1e-4);
    assertThat(m.std()).isEqualTo(0.0625);
    assertThat(m.mean()).isEqualTo(1_000_000.0);
  }

  @Test
  void meanAndStdEqualATwoPassComputationInBigDecimal() {
    Random random = new Random(5);
    ExactFloatMoments m = new ExactFloatMoments();
    List<BigDecimal> exact = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      float v = (float) (random.nextGaussian() * 3 + 40);
      m.add(v);
      exact.add(new BigDecimal(v));
    }
    BigDecimal mean = exact.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
        .divide(BigDecimal.valueOf(exact.size()), new MathContext(50));
    assertThat(m.mean()).isEqualTo(mean.doubleValue());
    assertThat(m.std()).isCloseTo(twoPassStd(exact), within(Math.ulp(twoPassStd(exact)) * 2));
  }

  @Test
  void stateDependsOnlyOnTheValuesNotOnPartitioningOrMergeOrder() throws IOException {
    Random random = new Random(3);
    List<Float> values = new ArrayList<>();
    for (int i = 0; i < 3_000; i++) {
      values.add(randomFloat(random));
    }
    ExactFloatMoments whole = new ExactFloatMoments();
    values.forEach(whole::add);

    Collections.shuffle(values, new Random(9));
    ExactFloatMoments merged = new ExactFloatMoments();
    for (int start = 0; start < values.size(); start += 377) {
      ExactFloatMoments part = new ExactFloatMoments();
      values.subList(start, Math.min(values.size(), start + 377)).forEach(part::add);
      merged.merge(part);
    }
    assertThat(bytes(merged)).isEqualTo(bytes(whole));
    assertThat(merged.mean()).isEqualTo(whole.mean());
    assertThat(merged.std()).isEqualTo(whole.std());
  }

  @Test
  void emptyHasNaNStatistics() {
    ExactFloatMoments m = new ExactFloatMoments();
    assertThat(m.mean()).isNaN();
    assertThat(m.std()).isNaN();
    assertThat(m.variance()).isNaN();
  }

  static double twoPassStd(List<BigDecimal> values) {
    MathContext mc = new MathContext(60);
    BigDecimal mean = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
        .divide(BigDecimal.valueOf(values.size()), mc);
    BigDecimal ss = BigDecimal.ZERO;
    for (BigDecimal v : values) {
      BigDecimal d = v.subtract(mean);
      ss = ss.add(d.multiply(d));
    }
    return ss.divide(BigDecimal.valueOf(values.size()), mc).sqrt(mc).doubleValue();
  }

  /** Floats of every magnitude, sign and class (subnormal, normal), never NaN or infinite. */
  static float randomFloat(Random random) {
    while (true) {
      float v = Float.intBitsToFloat(random.nextInt());
      if (Float.isFinite(v)) {
        return v;
      }
    }
  }

  private static byte[] bytes(ExactFloatMoments m) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    m.write(new DataOutputStream(b));
    return b.toByteArray();
  }
}
