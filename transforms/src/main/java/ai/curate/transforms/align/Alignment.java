package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignmentColumns.EPISODE_ID;
import static ai.curate.transforms.align.AlignmentColumns.SEQ;
import static ai.curate.transforms.align.AlignmentColumns.STEP_INDEX;
import static ai.curate.transforms.align.AlignmentColumns.STREAM;
import static ai.curate.transforms.align.AlignmentColumns.TS_NS;
import static ai.curate.transforms.align.AlignmentColumns.VALUES;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Multi-rate alignment as a pure Dataset transform: every configured stream resampled onto each episode's grid
 * by a one-pass sort-merge (docs/alignment.md).
 *
 * <p>Plan: each (episode, stream) is cut into time buckets of {@link AlignmentConfig#bucketNs()}; a sample is
 * copied into every bucket within its policy's reach (max gap) of its ts, so each bucket holds every sample any
 * of its grid points can use and the result equals the unbucketed one. Events ({@link EventLayout}) are shuffled by
 * hash bits of (episode, stream, bucket), sorted within partitions by one long key of those bits and the time
 * (Spark's external sorter spills, memory stays bounded) and merged by a streaming {@link StreamMerger} per group.
 * A long episode becomes many small independent groups, so one 4-hour episode among short ones spreads over many
 * tasks instead of serialising the job.
 */
public final class Alignment {
  private Alignment() {}

  /**
   * Aligns {@code samples} onto {@code grid}.
   *
   * @param samples episode_id string, stream string, ts_ns long (robot clock, see {@link ClockOffsets}),
   *     seq long (file order), values array of float/double; streams without a policy in {@code config} are ignored
   * @param grid episode_id string, step_index long, ts_ns long (see {@link AlignmentGrids})
   * @return steps (one row per grid step and configured stream) and per-stream input statistics, both views of
   *     one computation: call {@link AlignmentResult#persist()} before using both
   */
  public static AlignmentResult align(Dataset<Row> samples, Dataset<Row> grid, AlignmentConfig config) {
    AlignmentColumns.requireSamples(samples.schema());
    AlignmentColumns.requireGrid(grid.schema());
    ArrayType valuesType = valuesType(samples.schema());
    EventLayout layout = EventLayout.of(config);
    Dataset<Row> events = events(samples, grid, config, layout, valuesType);
    // Partitioned by the run key (a group's hash bits) and sorted by the sort key, which orders a group's events by
    // time: the sorter compares 8-byte prefixes and looks at the rows only at equal times (see EventLayout).
    Column runKey = layout.runKeyColumn(col(EventLayout.SORT_KEY));
    Dataset<Row> shuffled = config.partitions() > 0
        ? events.repartition(config.partitions(), runKey)
        : events.repartition(runKey);
    Dataset<Row> sorted = shuffled.sortWithinPartitions(col(EventLayout.SORT_KEY), col(EventLayout.TAG), col(SEQ));
    // Internal rows in (see MergePartitions), external rows out.
    JavaRDD<Row> merged = sorted.queryExecution().toRdd().toJavaRDD()
        .mapPartitions(new MergePartitions(config, valuesType.elementType() == DataTypes.FloatType));
    return new AlignmentResult(samples.sparkSession().createDataFrame(merged, MergePartitions.MERGED_SCHEMA));
  }

  /** The steps only, for {@code samples.transform(Alignment.onGrid(grid, config))}. */
  public static scala.Function1<Dataset<Row>, Dataset<Row>> onGrid(Dataset<Row> grid, AlignmentConfig config) {
    return samples -> align(samples, grid, config).steps();
  }

  /** Float samples stay float through the shuffle (half the bytes); other numeric types become double. */
  private static ArrayType valuesType(StructType samplesSchema) {
    ArrayType input = (ArrayType) samplesSchema.apply(VALUES).dataType();
    return DataTypes.createArrayType(input.elementType() == DataTypes.FloatType
        ? DataTypes.FloatType
        : DataTypes.DoubleType, true);
  }

  /**
   * Samples and grid points as one stream of events in the layout of {@link EventLayout}, each in the bucket groups
   * of its (episode, stream). The stream name is compared once per sample, here, and travels on as its index in
   * {@link AlignmentConfig#streams()}.
   */
  static Dataset<Row> events(Dataset<Row> samples, Dataset<Row> grid, AlignmentConfig config, EventLayout layout,
      ArrayType valuesType) {
    List<String> streams = config.streams();
    long bucketNs = config.bucketNs();
    Column[] reaches = streams.stream().map(s -> lit(config.policy(s).reachNs())).toArray(Column[]::new);
    // Streams without a policy get no bucket (explode of null yields no row): dropped without a second comparison.
    Column reach = when(col("stream_index").geq(0), element_at(array(reaches), col("stream_index").plus(1)));
    Column bucket = col(EventLayout.BUCKET);
    Dataset<Row> sampleEvents = samples
        .filter(col(TS_NS).isNotNull().and(col(EPISODE_ID).isNotNull()))
        .select(col(EPISODE_ID), streamIndex(config).as("stream_index"), col(TS_NS).cast("long").as(TS_NS),
            col(SEQ).cast("long").as(SEQ), col(VALUES).cast(valuesType).as(VALUES))
        .withColumn("reach", reach)
        .withColumn("home", expr(floorDiv(TS_NS, bucketNs)))
        .withColumn(EventLayout.BUCKET, explode(buckets(floorDiv("ts_ns - reach", bucketNs),
            floorDiv("ts_ns + reach", bucketNs), 2 * config.maxReachNs() < bucketNs)))
        .select(layout.sortKeyColumn(groupHash(), bucket, col(TS_NS)).as(EventLayout.SORT_KEY), col(SEQ), bucket,
            EventLayout.tagColumn(col("stream_index"), EventLayout.KIND_SAMPLE, bucket.equalTo(col("home")))
                .as(EventLayout.TAG),
            col(EPISODE_ID), col(VALUES));
    Dataset<Row> gridEvents = grid
        .filter(col(TS_NS).isNotNull().and(col(EPISODE_ID).isNotNull()))
        .select(col(EPISODE_ID), explode(expr("sequence(0, " + (streams.size() - 1) + ")")).as("stream_index"),
            col(TS_NS).cast("long").as(TS_NS), col(STEP_INDEX).cast("long").as(SEQ))
        .withColumn(EventLayout.BUCKET, expr(floorDiv(TS_NS, bucketNs)))
        .select(layout.sortKeyColumn(groupHash(), bucket, col(TS_NS)).as(EventLayout.SORT_KEY), col(SEQ), bucket,
            EventLayout.tagColumn(col("stream_index"), EventLayout.KIND_GRID, lit(true)).as(EventLayout.TAG),
            col(EPISODE_ID), lit(null).cast(valuesType).as(VALUES));
    return sampleEvents.union(gridEvents);
  }

  /**
   * The buckets [first, last] of a sample. When every reach is under half a bucket a sample lies in at most two, and
   * a one- or two-element array is much cheaper per sample than a general sequence.
   */
  private static Column buckets(String first, String last, boolean atMostTwo) {
    if (atMostTwo) {
      // Null bounds (a stream without a policy) must stay null: explode then yields no row, as for sequence.
      return expr("CASE WHEN " + first + " IS NULL THEN NULL WHEN " + first + " = " + last + " THEN array(" + first
          + ") ELSE array(" + first + ", " + last + ") END");
    }
    return expr("sequence(" + first + ", " + last + ")");
  }

  /**
   * SQL for floor(x / bucketNs) in exact integer arithmetic, also for negative x; must equal
   * {@link Math#floorDiv(long, long)} (tested), which defines a sample's home bucket.
   */
  static String floorDiv(String x, long bucketNs) {
    return "((" + x + ") - pmod(" + x + ", " + bucketNs + "L)) div " + bucketNs + "L";
  }

  private static Column groupHash() {
    return xxhash64(col(EPISODE_ID), col("stream_index"), col(EventLayout.BUCKET));
  }

  /** The stream's position in {@link AlignmentConfig#streams()}: an int to compare instead of the name. */
  private static Column streamIndex(AlignmentConfig config) {
    Column index = null;
    List<String> streams = config.streams();
    for (int i = 0; i < streams.size(); i++) {
      Column condition = col(STREAM).equalTo(lit(streams.get(i)));
      index = index == null ? when(condition, lit(i)) : index.when(condition, lit(i));
    }
    return index.otherwise(lit(-1));
  }

}
