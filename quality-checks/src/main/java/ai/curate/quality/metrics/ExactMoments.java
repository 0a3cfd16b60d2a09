package ai.curate.quality.metrics;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.MathContext;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * The mean or the population standard deviation of a column of doubles, the same to the last bit whatever the order
 * the rows arrive in: every finite value is added exactly (a double is an exact decimal), so partitions and merges
 * cannot change the sums, and only the final division rounds. The state is a few numbers per group, so a rule scored
 * on tens of millions of entities needs no more memory than one scored on ten (collecting and sorting the values to
 * fix the order did).
 *
 * <p>Nulls are skipped; no value gives null. A NaN, or both infinities, give NaN; one infinity gives that infinity
 * as the mean and NaN as the deviation (as summing the values would).
 */
public final class ExactMoments extends Aggregator<Double, ExactMoments.State, Double> {
  private static final long serialVersionUID = 1L;

  /** Which moment the aggregate returns. */
  public enum Moment {
    MEAN,
    STDDEV_POP
  }

  /** Exact running sums. */
  public static final class State implements Serializable {
    private static final long serialVersionUID = 1L;
    BigDecimal sum = BigDecimal.ZERO;
    BigDecimal squares = BigDecimal.ZERO;
    long count;
    boolean nan;
    boolean positiveInfinity;
    boolean negativeInfinity;
  }

  private final Moment moment;

  public ExactMoments(Moment moment) {
    this.moment = moment;
  }

  @Override
  public State zero() {
    return new State();
  }

  @Override
  public State reduce(State s, Double value) {
    if (value == null) {
      return s;
    }
    double v = value;
    s.count++;
    if (Double.isNaN(v)) {
      s.nan = true;
    } else if (v == Double.POSITIVE_INFINITY) {
      s.positiveInfinity = true;
    } else if (v == Double.NEGATIVE_INFINITY) {
      s.negativeInfinity = true;
    } else {
      BigDecimal exact = new BigDecimal(v);
      s.sum = s.sum.add(exact);
      if (moment == Moment.STDDEV_POP) {
        s.squares = s.squares.add(exact.multiply(exact)); // the mean needs no squares
      }
    }
    return s;
  }

  @Override
  public State merge(State a, State b) {
    a.sum = a.sum.add(b.sum);
    a.squares = a.squares.add(b.squares);
    a.count += b.count;
    a.nan |= b.nan;
    a.positiveInfinity |= b.positiveInfinity;
    a.negativeInfinity |= b.negativeInfinity;
    return a;
  }

  /** The moment of the values folded into {@code s}; null without values. */
  @Override
  public Double finish(State s) {
    if (s.count == 0) {
      return null;
    }
    if (s.nan || (s.positiveInfinity && s.negativeInfinity)) {
      return Double.NaN;
    }
    boolean infinite = s.positiveInfinity || s.negativeInfinity;
    BigDecimal n = BigDecimal.valueOf(s.count);
    if (moment == Moment.MEAN) {
      return infinite
          ? (s.positiveInfinity ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY)
          : s.sum.divide(n, MathContext.DECIMAL128).doubleValue();
    }
    if (infinite) {
      return Double.NaN;
    }
    // n * sum(x^2) - sum(x)^2 is exact and never negative; only the division by n^2 rounds.
    BigDecimal spread = n.multiply(s.squares).subtract(s.sum.multiply(s.sum));
    return Math.sqrt(spread.divide(n.multiply(n), MathContext.DECIMAL128).doubleValue());
  }

  @Override
  public Encoder<State> bufferEncoder() {
    return Encoders.javaSerialization(State.class);
  }

  @Override
  public Encoder<Double> outputEncoder() {
    return Encoders.DOUBLE();
  }
}
