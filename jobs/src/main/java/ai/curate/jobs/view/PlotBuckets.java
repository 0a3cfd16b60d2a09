package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Downsamples an entity's steps to its page's pixel columns on Spark: one group per column ({@link PixelGrid}), with
 * the min and max of every plotted value, so the driver receives at most {@code width} rows whatever the episode's
 * length (a 2-hour episode at 30 fps is 216,000 steps; its page collects 1,000 rows). Chosen over streaming every
 * step to the driver because the aggregation runs where the data is and the plots need nothing finer than a pixel.
 */
public final class PlotBuckets {
  private static final String COLUMN = "__view_column";

  /** A per-step value to plot, null where it has none. */
  public record Scalar(String name, Column value) {}

  private final PixelGrid grid;
  private final double[] x;
  private final Map<String, double[][]> values;

  private PlotBuckets(PixelGrid grid, double[] x, Map<String, double[][]> values) {
    this.grid = grid;
    this.x = x;
    this.values = values;
  }

  public static PlotBuckets aggregate(Dataset<Row> steps, PixelGrid grid, List<Scalar> scalars) {
    List<Column> aggs = new ArrayList<>();
    aggs.add(avg(col("step_index").cast("double")).as("__mean_step"));
    for (int i = 0; i < scalars.size(); i++) {
      Column v = scalars.get(i).value().cast("double");
      aggs.add(min(v).as("__min_" + i));
      aggs.add(max(v).as("__max_" + i));
    }
    List<Row> rows = steps.withColumn(COLUMN, expr(grid.columnSql("step_index"))).groupBy(col(COLUMN))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(new Column[0])).orderBy(col(COLUMN)).collectAsList();
    double[] x = new double[rows.size()];
    Map<String, double[][]> values = new LinkedHashMap<>();
    for (Scalar s : scalars) {
      double[][] mm = new double[2][rows.size()];
      Arrays.fill(mm[0], Double.NaN);
      Arrays.fill(mm[1], Double.NaN);
      values.put(s.name(), mm);
    }
    for (int r = 0; r < rows.size(); r++) {
      Row row = rows.get(r);
      x[r] = grid.centre(row.getDouble(1));
      for (int i = 0; i < scalars.size(); i++) {
        double[][] mm = values.get(scalars.get(i).name());
        mm[0][r] = row.isNullAt(2 + 2 * i) ? Double.NaN : row.getDouble(2 + 2 * i);
        mm[1][r] = row.isNullAt(3 + 2 * i) ? Double.NaN : row.getDouble(3 + 2 * i);
      }
    }
    return new PlotBuckets(grid, x, values);
  }

  public PixelGrid grid() {
    return grid;
  }

  /** The downsampled series of a scalar. */
  public Series series(String scalar, String label, String colour, boolean dashed) {
    double[][] mm = values.get(scalar);
    if (mm == null) {
      throw new IllegalArgumentException("no scalar " + scalar);
    }
    return new Series(label, colour, dashed, x, mm[0], mm[1]);
  }

  /** True when the scalar has a value in some column. */
  public boolean hasValues(String scalar) {
    return series(scalar, scalar, "#000", false).range() != null;
  }
}
