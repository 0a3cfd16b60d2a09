package ai.curate.jobs.view;

/**
 * One downsampled line of a plot: per pixel column its x (pixels) and the smallest and largest value of the steps
 * in it; NaN where the column has no value (the signal was invalid at every step there).
 */
public record Series(String name, String colour, boolean dashed, double[] x, double[] min, double[] max) {
  public Series {
    if (x.length != min.length || x.length != max.length) {
      throw new IllegalArgumentException("series " + name + ": x, min and max differ in length");
    }
  }

  public int size() {
    return x.length;
  }

  /** Smallest and largest finite value, or null when the series has none. */
  public double[] range() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < x.length; i++) {
      if (Double.isFinite(min[i])) {
        lo = Math.min(lo, min[i]);
      }
      if (Double.isFinite(max[i])) {
        hi = Math.max(hi, max[i]);
      }
    }
    return lo <= hi ? new double[] {lo, hi} : null;
  }
}
