package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignmentColumns.EPISODE_ID;
import static ai.curate.transforms.align.AlignmentColumns.STEP_INDEX;
import static ai.curate.transforms.align.AlignmentColumns.TS_NS;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
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
    return fromFrameTimes(frames, episodes, List.of(joinKey));
  }

  /**
   * {@link #fromFrameTimes(Dataset, Dataset, String)} with a key of several columns, e.g.
   * {@link EpisodeKeys#SESSION} (session ids are only unique per robot).
   */
  public static Dataset<Row> fromFrameTimes(Dataset<Row> frames, Dataset<Row> episodes, List<String> joinKeys) {
    List<Column> boundColumns = new ArrayList<>();
    List<Column> frameColumns = new ArrayList<>();
    Column condition = col(TS_NS).between(col(START_NS), col(END_NS));
    for (int i = 0; i < joinKeys.size(); i++) {
      boundColumns.add(col(joinKeys.get(i)).as("_key" + i));
      frameColumns.add(col(joinKeys.get(i)).as("_frame_key" + i));
      condition = col("_frame_key" + i).equalTo(col("_key" + i)).and(condition);
    }
    boundColumns.addAll(List.of(col(EPISODE_ID), col(START_NS), col(END_NS)));
    frameColumns.add(col(TS_NS).cast("long").as(TS_NS));
    Dataset<Row> bounds = episodes.select(boundColumns.toArray(new Column[0]));
    Dataset<Row> inside = frames.select(frameColumns.toArray(new Column[0]))
        .join(bounds, condition)
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
