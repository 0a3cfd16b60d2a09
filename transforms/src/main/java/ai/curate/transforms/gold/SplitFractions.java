package ai.curate.transforms.gold;

import java.io.Serializable;
import java.util.Locale;

/** The share of episodes in train, val and test: each in [0, 1], summing to 1. */
public record SplitFractions(double train, double val, double test) implements Serializable {
  private static final double TOLERANCE = 1e-9;

  public static final SplitFractions DEFAULT = new SplitFractions(0.8, 0.1, 0.1);

  public SplitFractions {
    check("train", train);
    check("val", val);
    check("test", test);
    double sum = train + val + test;
    if (Math.abs(sum - 1.0) > TOLERANCE) {
      throw new IllegalArgumentException(String.format(Locale.ROOT,
          "split fractions must sum to 1, got train %s + val %s + test %s = %s", train, val, test, sum));
    }
  }

  private static void check(String name, double value) {
    if (!(value >= 0.0 && value <= 1.0)) {
      throw new IllegalArgumentException("split fraction " + name + " must be in [0, 1], got " + value);
    }
  }

  /** The upper bound (exclusive) of train's share of [0, 1). */
  public double trainBound() {
    return train;
  }

  /** The upper bound (exclusive) of val's share; test takes the rest, so rounding never leaves a gap. */
  public double valBound() {
    return train + val;
  }
}
