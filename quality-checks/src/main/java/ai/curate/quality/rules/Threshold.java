package ai.curate.quality.rules;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * The condition a rule's value must meet to pass, e.g. {@code <= 0.05} or {@code between 2 and 600}. A missing
 * (null) or NaN value never passes: a rule that cannot be computed for an entity is a finding, not a pass.
 */
public record Threshold(Comparison comparison, double bound, double upperBound) implements Serializable {

  public enum Comparison {
    AT_MOST("<="),
    AT_LEAST(">="),
    BELOW("<"),
    ABOVE(">"),
    BETWEEN("between");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  public static Threshold atMost(double max) {
    return new Threshold(Comparison.AT_MOST, max, Double.NaN);
  }

  public static Threshold atLeast(double min) {
    return new Threshold(Comparison.AT_LEAST, min, Double.NaN);
  }

  public static Threshold below(double limit) {
    return new Threshold(Comparison.BELOW, limit, Double.NaN);
  }

  public static Threshold above(double limit) {
    return new Threshold(Comparison.ABOVE, limit, Double.NaN);
  }

  /** Inclusive on both ends. */
  public static Threshold between(double min, double max) {
    if (min > max) {
      throw new IllegalArgumentException("threshold between " + min + " and " + max + ": min is above max");
    }
    return new Threshold(Comparison.BETWEEN, min, max);
  }

  public boolean holds(Double value) {
    if (value == null || value.isNaN()) {
      return false;
    }
    double v = value;
    return switch (comparison) {
      case AT_MOST -> v <= bound;
      case AT_LEAST -> v >= bound;
      case BELOW -> v < bound;
      case ABOVE -> v > bound;
      case BETWEEN -> v >= bound && v <= upperBound;
    };
  }

  /** The text stored in the report's {@code threshold} column. */
  public String text() {
    if (comparison == Comparison.BETWEEN) {
      return "between " + format(bound) + " and " + format(upperBound);
    }
    return comparison.symbol() + " " + format(bound);
  }

  @Override
  public String toString() {
    return text();
  }

  /** Shortest exact decimal: 0.05 not 0.05000000000000000277, 30 not 30.0. */
  public static String format(double x) {
    if (Double.isNaN(x)) {
      return "NaN";
    }
    if (Double.isInfinite(x)) {
      return x > 0 ? "inf" : "-inf";
    }
    return BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
  }
}
