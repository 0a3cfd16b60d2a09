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
 * by a one-pass sort-merge (DESIGN.md §5, docs/alignment.md).
 *
 * <p>Plan: each (episode, stream) is cut into time buckets of {@link AlignmentConfig#bucketNs()}; a sample is
 * copied into every bucket within its policy's reach (max gap) of its ts, so each bucket holds every sample any
 * of its grid points can use and the result equals the unbucketed one. Events are shuffled by a hash of (episode,
 * stream, bucket), sorted within partitions by that hash and time (Spark's external sorter spills, memory stays
 * bounded) and merged by a streaming {@link StreamMerger} per group. A long episode becomes many small independent groups, so one 4-hour episode
 * among short ones spreads over many tasks instead of serialising the job.
 */
public final class Alignment {
  private Alignment() {}

  /** Event column: xxhash64 of (episode_id, stream_index, bucket). */
  static final String GROUP_KEY = "group_key";

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
    Dataset<Row> events = events(samples, grid, config, valuesType);
    // Partitioned and sorted by one long group key (a hash of episode, stream and bucket) and then by time: the sort's
    // prefix and its first comparisons are on longs, never on the episode strings, and a group's events are contiguous
    // and in time order. Groups whose keys collide share a run and are told apart by MergePartitions.
    Dataset<Row> shuffled = config.partitions() > 0
        ? events.repartition(config.partitions(), col(GROUP_KEY))
        : events.repartition(col(GROUP_KEY));
    Dataset<Row> sorted = shuffled.sortWithinPartitions(col(GROUP_KEY), col(TS_NS), col("kind"), col(SEQ),
        col("bucket"), col("stream_index"), col(EPISODE_ID));
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
    return DataTypes.createArrayType(input.elementType() == DataTypes.FloatType ? DataTypes.FloatType
        : DataTypes.DoubleType, true);
  }

  /**
   * Samples and grid points as one event stream keyed by (episode, stream index, bucket); layout of MergePartitions.
   * The stream name is compared once per sample, here, and travels on as its index in {@link AlignmentConfig#streams()}.
   */
  static Dataset<Row> events(Dataset<Row> samples, Dataset<Row> grid, AlignmentConfig config,
      ArrayType valuesType) {
    List<String> streams = config.streams();
    long bucketNs = config.bucketNs();
    Column[] reaches = streams.stream().map(s -> lit(config.policy(s).reachNs())).toArray(Column[]::new);
    // Streams without a policy get no bucket (explode of null yields no row): dropped without a second comparison.
    Column reach = when(col("stream_index").geq(0), element_at(array(reaches), col("stream_index").plus(1)));
    Dataset<Row> sampleEvents = samples
        .filter(col(TS_NS).isNotNull().and(col(EPISODE_ID).isNotNull()))
        .select(col(EPISODE_ID), streamIndex(config).as("stream_index"), col(TS_NS).cast("long").as(TS_NS),
            col(SEQ).cast("long").as(SEQ), col(VALUES).cast(valuesType).as(VALUES))
        .withColumn("reach", reach)
        .withColumn("home", expr(floorDiv(TS_NS, bucketNs)))
        .withColumn("bucket", explode(expr("sequence(" + floorDiv("ts_ns - reach", bucketNs) + ", "
            + floorDiv("ts_ns + reach", bucketNs) + ")")))
        .select(col(EPISODE_ID), col("stream_index"), col("bucket"), col(TS_NS),
            lit(MergePartitions.KIND_SAMPLE).as("kind"), col(SEQ), col("bucket").equalTo(col("home")).as("owned"),
            col(VALUES))
        .withColumn(GROUP_KEY, groupKey());
    Dataset<Row> gridEvents = grid
        .filter(col(TS_NS).isNotNull().and(col(EPISODE_ID).isNotNull()))
        .select(col(EPISODE_ID), explode(expr("sequence(0, " + (streams.size() - 1) + ")")).as("stream_index"),
            col(TS_NS).cast("long").as(TS_NS), col(STEP_INDEX).cast("long").as(SEQ))
        .select(col(EPISODE_ID), col("stream_index"), expr(floorDiv(TS_NS, bucketNs)).as("bucket"), col(TS_NS),
            lit(MergePartitions.KIND_GRID).as("kind"), col(SEQ), lit(true).as("owned"),
            lit(null).cast(valuesType).as(VALUES))
        .withColumn(GROUP_KEY, groupKey());
    return sampleEvents.union(gridEvents);
  }

  /**
   * SQL for floor(x / bucketNs) in exact integer arithmetic, also for negative x; must equal
   * {@link Math#floorDiv(long, long)} (tested), which defines a sample's home bucket.
   */
  static String floorDiv(String x, long bucketNs) {
    return "((" + x + ") - pmod(" + x + ", " + bucketNs + "L)) div " + bucketNs + "L";
  }

  private static Column groupKey() {
    return xxhash64(col(EPISODE_ID), col("stream_index"), col("bucket"));
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
