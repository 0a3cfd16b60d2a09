package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignmentColumns.DUPLICATE_SAMPLES;
import static ai.curate.transforms.align.AlignmentColumns.EPISODE_ID;
import static ai.curate.transforms.align.AlignmentColumns.MISSING_SAMPLES;
import static ai.curate.transforms.align.AlignmentColumns.OUT_OF_ORDER;
import static ai.curate.transforms.align.AlignmentColumns.OUT_OF_ORDER_PAIRS;
import static ai.curate.transforms.align.AlignmentColumns.SAMPLES;
import static ai.curate.transforms.align.AlignmentColumns.STEP_INDEX;
import static ai.curate.transforms.align.AlignmentColumns.STREAM;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.storage.StorageLevel;

/**
 * The output of {@link Alignment#align}: two views of one merge. Each view used in its own action recomputes the
 * merge; {@link #persist()} first when you need both (the merged output is small: grid rate x streams).
 */
public final class AlignmentResult {
  private final Dataset<Row> merged;

  AlignmentResult(Dataset<Row> merged) {
    this.merged = merged;
  }

  /** One row per (episode, grid step, configured stream): {@link AlignmentColumns#STEPS_SCHEMA}. */
  public Dataset<Row> steps() {
    Column[] columns = Arrays.stream(AlignmentColumns.STEPS_SCHEMA.fieldNames()).map(c -> col(c))
        .toArray(Column[]::new);
    return merged.filter(col(STEP_INDEX).isNotNull()).select(columns);
  }

  /** One row per (episode, stream) with samples: {@link AlignmentColumns#STATS_SCHEMA}. */
  public Dataset<Row> streamStats() {
    // Out-of-order pairs straddling two buckets: first seq of a bucket below the last seq of the previous one.
    // One row per bucket, so this window is tiny.
    WindowSpec byBucket = Window.partitionBy(EPISODE_ID, STREAM).orderBy("bucket");
    Column previousLastSeq = lag(col("last_seq"), 1).over(byBucket);
    Column boundaryPair = when(previousLastSeq.isNotNull().and(col("first_seq").lt(previousLastSeq)), lit(1L))
        .otherwise(lit(0L));
    return merged.filter(col(STEP_INDEX).isNull())
        .withColumn("boundary_pair", boundaryPair)
        .groupBy(EPISODE_ID, STREAM)
        .agg(sum(SAMPLES).as(SAMPLES), sum(MISSING_SAMPLES).as(MISSING_SAMPLES),
            sum(DUPLICATE_SAMPLES).as(DUPLICATE_SAMPLES),
            sum(col(OUT_OF_ORDER_PAIRS).plus(col("boundary_pair"))).as(OUT_OF_ORDER_PAIRS))
        .withColumn(OUT_OF_ORDER, col(OUT_OF_ORDER_PAIRS).gt(0));
  }

  /** Keeps the merged output (memory, spilling to disk) so steps() and streamStats() share one merge. */
  public AlignmentResult persist() {
    merged.persist(StorageLevel.MEMORY_AND_DISK());
    return this;
  }

  public AlignmentResult unpersist() {
    merged.unpersist();
    return this;
  }
}
