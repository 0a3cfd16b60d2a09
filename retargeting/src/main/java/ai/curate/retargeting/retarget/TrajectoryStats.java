package ai.curate.retargeting.retarget;

import java.util.Arrays;

/** Small statistics helpers over primitive arrays. */
final class TrajectoryStats {
  private TrajectoryStats() {}

  static Double mean(double[] v, int count) {
    if (count == 0) {
      return null;
    }
    double s = 0;
    for (int i = 0; i < count; i++) {
      s += v[i];
    }
    return s / count;
  }

  static Double max(double[] v, int count) {
    if (count == 0) {
      return null;
    }
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      m = Math.max(m, v[i]);
    }
    return m;
  }

  /** Linear-interpolated percentile (numpy's default) of the first {@code count} values. */
  static Double percentile(double[] v, int count, double p) {
    if (count == 0) {
      return null;
    }
    double[] s = Arrays.copyOf(v, count);
    Arrays.sort(s);
    double pos = p / 100.0 * (count - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, count - 1);
    return s[lo] + (pos - lo) * (s[hi] - s[lo]);
  }

  static double median(double[] v, int count) {
    return percentile(v, count, 50);
  }
}
