package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignmentColumns.EPISODE_ID;
import static ai.curate.transforms.align.AlignmentColumns.TS_NS;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Tags session samples with the episodes they can influence: every sample within [start - margin, end + margin]
 * of an episode, margin = the largest max gap ({@link AlignmentConfig#maxReachNs()}), so interpolation at the
 * episode's first and last steps still sees the neighbours outside it. A sample near the boundary of two
 * episodes goes to both.
 */
public final class EpisodeSamples {
  private EpisodeSamples() {}

  /**
   * @param samples {@code joinKey}, ts_ns (robot clock) and the other sample columns; no episode_id yet
   * @param episodes {@code joinKey}, episode_id, start_ns, end_ns (a handful per session: broadcast)
   */
  public static Dataset<Row> assign(Dataset<Row> samples, Dataset<Row> episodes, String joinKey, long marginNs) {
    if (Arrays.asList(samples.columns()).contains(EPISODE_ID)) {
      throw new IllegalArgumentException("Samples already have an episode_id column; EpisodeSamples.assign adds it "
          + "from the episode bounds, drop or rename the existing column first");
    }
    if (marginNs < 0) {
      throw new IllegalArgumentException("Episode margin must be >= 0 ns, got " + marginNs);
    }
    Dataset<Row> bounds = episodes.select(col(joinKey).as("_episode_key"), col(EPISODE_ID),
        col(AlignmentGrids.START_NS).cast("long").as("_start"), col(AlignmentGrids.END_NS).cast("long").as("_end"));
    Column condition = samples.col(joinKey).equalTo(col("_episode_key"))
        .and(samples.col(TS_NS).geq(col("_start").minus(marginNs)))
        .and(samples.col(TS_NS).leq(col("_end").plus(marginNs)));
    return samples.join(broadcast(bounds), condition).drop("_episode_key", "_start", "_end");
  }

  /** {@link #assign} with the margin every stream of {@code config} needs. */
  public static Dataset<Row> assign(Dataset<Row> samples, Dataset<Row> episodes, String joinKey,
      AlignmentConfig config) {
    return assign(samples, episodes, joinKey, config.maxReachNs());
  }
}
