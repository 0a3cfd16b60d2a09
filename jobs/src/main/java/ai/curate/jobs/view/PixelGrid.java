package ai.curate.jobs.view;

/**
 * The horizontal axis of every plot of a page: an episode's steps {@code 0..steps-1} laid on {@code width} pixel
 * columns. Plots are downsampled to one min/max pair per column, so a page's size depends on the width, never on the
 * episode's length; Spark buckets the steps with {@link #columnSql} and this class places them, so both agree.
 */
public record PixelGrid(int width, long steps) {
  public PixelGrid {
    if (width < 1 || steps < 1) {
      throw new IllegalArgumentException("a grid needs a width and steps: " + width + " x " + steps);
    }
  }

  /** The pixel column of a step: {@code floor(step * width / steps)}. */
  public int column(long step) {
    return (int) Math.min(width - 1, Math.max(0, step * width / steps));
  }

  /** The same bucketing as a Spark SQL expression over an integer step column. */
  public String columnSql(String stepColumn) {
    return "CAST(LEAST(" + (width - 1) + ", GREATEST(0, FLOOR(CAST(" + stepColumn + " AS BIGINT) * " + width + " / "
        + steps + "))) AS INT)";
  }

  /** The left edge of a step's slot on the axis, in pixels. */
  public double left(long step) {
    return step * (double) width / steps;
  }

  /** The centre of a step's slot (or of a column's mean step), in pixels. */
  public double centre(double step) {
    return (step + 0.5) * width / steps;
  }
}
