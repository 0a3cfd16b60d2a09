package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignmentColumns.EPISODE_ID;
import static ai.curate.transforms.align.AlignmentColumns.STEP_INDEX;
import static ai.curate.transforms.align.AlignmentColumns.TS_NS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Builds the alignment grid (episode_id, step_index, ts_ns): from camera frame times (the default: the head
 * camera's capture times inside each episode) or at a fixed rate. Times must already be on the robot clock.
 */
public final class AlignmentGrids {
  private AlignmentGrids() {}

  public static final String START_NS = "start_ns";
  public static final String END_NS = "end_ns";

  /**
   * Frame times inside each episode's [start_ns, end_ns] (inclusive) as the grid.
   *
   * @param frames {@code joinKey}, ts_ns (robot clock), e.g. the head camera's capture times of each session
   * @param episodes {@code joinKey}, episode_id, start_ns, end_ns
   * @param joinKey the column that ties frames to episodes, e.g. session_id
   */
  public static Dataset<Row> fromFrameTimes(Dataset<Row> frames, Dataset<Row> episodes, String joinKey) {
    Dataset<Row> bounds = episodes.select(col(joinKey).as("_key"), col(EPISODE_ID), col(START_NS), col(END_NS));
    Dataset<Row> inside = frames.select(col(joinKey).as("_frame_key"), col(TS_NS).cast("long").as(TS_NS))
        .join(bounds, col("_frame_key").equalTo(col("_key"))
            .and(col(TS_NS).between(col(START_NS), col(END_NS))))
        .select(col(EPISODE_ID), col(TS_NS));
    return fromTimestamps(inside);
  }

  /**
   * Numbers the distinct times of each episode 0, 1, ... in time order.
   *
   * @param times episode_id, ts_ns
   */
  public static Dataset<Row> fromTimestamps(Dataset<Row> times) {
    // Duplicate capture times would make two identical steps: one step per distinct time.
    return times.select(col(EPISODE_ID), col(TS_NS).cast("long").as(TS_NS)).distinct()
        .withColumn(STEP_INDEX, row_number().over(Window.partitionBy(EPISODE_ID).orderBy(TS_NS)).minus(1).cast("long"))
        .select(col(EPISODE_ID), col(STEP_INDEX), col(TS_NS));
  }

  /**
   * Steps at start_ns + round(k * 1e9 / rateHz) for k = 0, 1, ... while within end_ns (inclusive).
   *
   * @param episodes episode_id, start_ns, end_ns
   */
  public static Dataset<Row> fixedRate(Dataset<Row> episodes, double rateHz) {
    requireRate(rateHz);
    String offset = "CAST(floor(k * 1.0E9 / " + rateHz + "D + 0.5D) AS BIGINT)";
    return episodes
        .select(col(EPISODE_ID), col(START_NS).cast("long").as(START_NS), col(END_NS).cast("long").as(END_NS))
        .filter(col(END_NS).geq(col(START_NS)))
        .withColumn("k", expr("explode(sequence(0L, CAST(floor((end_ns - start_ns) * " + rateHz
            + "D / 1.0E9D) + 1 AS BIGINT)))"))
        .withColumn(TS_NS, expr("start_ns + " + offset))
        .filter(col(TS_NS).leq(col(END_NS)))
        .select(col(EPISODE_ID), col("k").as(STEP_INDEX), col(TS_NS));
  }

  /** The plain Java equivalent of {@link #fixedRate} for one episode. */
  public static List<Long> fixedRateTimes(long startNs, long endNs, double rateHz) {
    requireRate(rateHz);
    List<Long> times = new ArrayList<>();
    for (long k = 0;; k++) {
      long ts = startNs + (long) Math.floor(k * 1.0E9 / rateHz + 0.5);
      if (ts > endNs) {
        return times;
      }
      times.add(ts);
    }
  }

  private static void requireRate(double rateHz) {
    if (!(rateHz > 0) || Double.isInfinite(rateHz)) {
      throw new IllegalArgumentException("Grid rate must be a positive number of steps per second, got " + rateHz);
    }
  }
}
