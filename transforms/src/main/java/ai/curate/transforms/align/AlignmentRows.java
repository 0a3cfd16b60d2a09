package ai.curate.transforms.align;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Conversions between the plain Java alignment records and Spark rows (small data: tests, tools, drivers). */
public final class AlignmentRows {
  private AlignmentRows() {}

  public static final StructType SAMPLES_SCHEMA = new StructType()
      .add(AlignmentColumns.EPISODE_ID, DataTypes.StringType, false)
      .add(AlignmentColumns.STREAM, DataTypes.StringType, false)
      .add(AlignmentColumns.TS_NS, DataTypes.LongType, false)
      .add(AlignmentColumns.SEQ, DataTypes.LongType, false)
      .add(AlignmentColumns.VALUES, DataTypes.createArrayType(DataTypes.DoubleType, true), true);

  public static final StructType GRID_SCHEMA = new StructType()
      .add(AlignmentColumns.EPISODE_ID, DataTypes.StringType, false)
      .add(AlignmentColumns.STEP_INDEX, DataTypes.LongType, false)
      .add(AlignmentColumns.TS_NS, DataTypes.LongType, false);

  public static Dataset<Row> samples(SparkSession spark, List<Sample> samples) {
    List<Row> rows = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      rows.add(RowFactory.create(s.episodeId(), s.stream(), s.tsNs(), s.seq(), s.values()));
    }
    return spark.createDataFrame(rows, SAMPLES_SCHEMA);
  }

  public static Dataset<Row> grid(SparkSession spark, List<GridPoint> grid) {
    List<Row> rows = new ArrayList<>(grid.size());
    for (GridPoint g : grid) {
      rows.add(RowFactory.create(g.episodeId(), g.stepIndex(), g.tsNs()));
    }
    return spark.createDataFrame(rows, GRID_SCHEMA);
  }

  /** A row of {@link AlignmentResult#steps()}. */
  public static AlignedStep step(Row row) {
    return new AlignedStep(row.getAs(AlignmentColumns.EPISODE_ID), row.<Long>getAs(AlignmentColumns.STEP_INDEX),
        row.<Long>getAs(AlignmentColumns.TS_NS), row.getAs(AlignmentColumns.STREAM),
        MergePartitions.toDoubles(row.getAs(AlignmentColumns.VALUES)), row.<Boolean>getAs(AlignmentColumns.VALID),
        row.getAs(AlignmentColumns.STALENESS_NS), row.<Integer>getAs(AlignmentColumns.SAMPLE_COUNT),
        row.getAs(AlignmentColumns.SOURCE_SEQ));
  }

  /** A row of {@link AlignmentResult#streamStats()}. */
  public static StreamStats stats(Row row) {
    return new StreamStats(row.getAs(AlignmentColumns.EPISODE_ID), row.getAs(AlignmentColumns.STREAM),
        row.<Long>getAs(AlignmentColumns.SAMPLES), row.<Long>getAs(AlignmentColumns.MISSING_SAMPLES),
        row.<Long>getAs(AlignmentColumns.DUPLICATE_SAMPLES), row.<Long>getAs(AlignmentColumns.OUT_OF_ORDER_PAIRS));
  }

  public static List<AlignedStep> steps(List<Row> rows) {
    return sorted(rows, AlignmentRows::step, AlignedStep.ORDER);
  }

  public static List<StreamStats> stats(List<Row> rows) {
    return sorted(rows, AlignmentRows::stats, StreamStats.ORDER);
  }

  private static <T> List<T> sorted(List<Row> rows, Function<Row, T> read, Comparator<? super T> order) {
    List<T> out = new ArrayList<>(rows.size());
    for (Row r : rows) {
      out.add(read.apply(r));
    }
    out.sort(order);
    return out;
  }
}
