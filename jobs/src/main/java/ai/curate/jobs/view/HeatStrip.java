package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.posexplode;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An array signal over time as a heat strip (element x time), e.g. tactile taxels: the mean of each element per
 * time column, averaged on Spark, drawn as a small PNG inlined in the plot (one pixel per element and column, so a
 * strip of a few dozen taxels costs a few kilobytes where SVG rectangles would cost megabytes).
 */
public final class HeatStrip {
  private HeatStrip() {}

  /** Per column, per element: the mean value (NaN where none); columns follow {@code grid}. */
  public static double[][] aggregate(Dataset<Row> steps, PixelGrid grid, String arrayColumn) {
    List<Row> rows = steps.where(col(arrayColumn).isNotNull())
        .select(expr(grid.columnSql("step_index")).as("c"), posexplode(col(arrayColumn)).as(new String[] {"p", "v"}))
        .groupBy("c", "p").agg(avg(col("v").cast("double")).as("m")).collectAsList();
    int elements = 0;
    for (Row r : rows) {
      elements = Math.max(elements, r.getInt(1) + 1);
    }
    double[][] out = new double[grid.width()][elements];
    for (double[] column : out) {
      Arrays.fill(column, Double.NaN);
    }
    for (Row r : rows) {
      if (!r.isNullAt(2)) {
        out[r.getInt(0)][r.getInt(1)] = r.getDouble(2);
      }
    }
    return out;
  }

  /** The strip as a PNG data URI: white at the smallest value, dark red at the largest, grey where missing. */
  public static String png(double[][] columns) {
    int w = columns.length;
    int h = w == 0 ? 0 : columns[0].length;
    if (w == 0 || h == 0) {
      return null;
    }
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] c : columns) {
      for (double v : c) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        double v = columns[x][y];
        img.setRGB(x, y, Double.isFinite(v) ? colour(hi > lo ? (v - lo) / (hi - lo) : 0) : 0xDDDDDD);
      }
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  /** White to dark red. */
  static int colour(double f) {
    int r = (int) Math.round(255 - 115 * f);
    int g = (int) Math.round(255 - 255 * f);
    int b = (int) Math.round(255 - 255 * f);
    return (r << 16) | (g << 8) | b;
  }
}
