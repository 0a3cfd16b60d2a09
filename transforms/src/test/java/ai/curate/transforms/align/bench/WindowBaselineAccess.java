package ai.curate.transforms.align.bench;

import ai.curate.transforms.align.AlignmentConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Lets tests in the align package run the package-private baseline. */
public final class WindowBaselineAccess {
  private WindowBaselineAccess() {}

  public static Dataset<Row> align(SparkSession spark, Dataset<Row> samples, Dataset<Row> grid,
      AlignmentConfig config) {
    return WindowBaseline.align(spark, samples, grid, config);
  }
}
