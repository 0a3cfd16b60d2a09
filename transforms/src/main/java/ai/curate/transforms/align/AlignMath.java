package ai.curate.transforms.align;

import java.util.List;
import java.util.function.DoubleBinaryOperator;

/**
 * The arithmetic shared by the reference and the Spark merge, so that both give bit-identical doubles.
 * Interpolation uses numpy.interp's formula (slope * (t - t0) + v0) so the pandas cross-check can be exact.
 */
final class AlignMath {
  private AlignMath() {}

  /** A sample is usable iff it has values and every element is finite (NaN/infinite = missing). */
  static boolean isUsable(double[] values) {
    if (values == null) {
      return false;
    }
    for (double v : values) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  static double[] linear(long t0, double[] v0, long t1, double[] v1, long t, String where) {
    requireSameLength(v0, v1, where);
    double dt = (double) (t1 - t0);
    double offset = (double) (t - t0);
    double[] out = new double[v0.length];
    for (int i = 0; i < out.length; i++) {
      double slope = (v1[i] - v0[i]) / dt;
      out[i] = slope * offset + v0[i];
    }
    return out;
  }

  /** Element-wise mean of a non-empty list, summed in list (time) order. */
  static double[] mean(List<double[]> samples, String where) {
    double[] sum = fold(samples, where, Double::sum);
    double n = samples.size();
    for (int i = 0; i < sum.length; i++) {
      sum[i] /= n;
    }
    return sum;
  }

  /** Element-wise maximum of a non-empty list. */
  static double[] max(List<double[]> samples, String where) {
    return fold(samples, where, Math::max);
  }

  /** Element-wise {@code op} over a non-empty list, applied in list (time) order from the first sample. */
  private static double[] fold(List<double[]> samples, String where, DoubleBinaryOperator op) {
    double[] acc = samples.get(0).clone();
    for (int k = 1; k < samples.size(); k++) {
      double[] sample = samples.get(k);
      requireSameLength(acc, sample, where);
      for (int i = 0; i < acc.length; i++) {
        acc[i] = op.applyAsDouble(acc[i], sample[i]);
      }
    }
    return acc;
  }

  private static void requireSameLength(double[] a, double[] b, String where) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("Cannot combine samples of different lengths (" + a.length + " and "
          + b.length + ") " + where + "; every sample of a stream must have the same number of values");
    }
  }
}
