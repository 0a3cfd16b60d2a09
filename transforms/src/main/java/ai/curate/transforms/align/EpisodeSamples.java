package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignmentColumns.EPISODE_ID;
import static ai.curate.transforms.align.AlignmentColumns.TS_NS;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    return assign(samples, episodes, List.of(joinKey), marginNs);
  }

  /**
   * {@link #assign(Dataset, Dataset, String, long)} with a key of several columns, e.g. {@link EpisodeKeys#SESSION}
   * (session ids are only unique per robot).
   */
  public static Dataset<Row> assign(Dataset<Row> samples, Dataset<Row> episodes, List<String> joinKeys,
      long marginNs) {
    if (Arrays.asList(samples.columns()).contains(EPISODE_ID)) {
      throw new IllegalArgumentException("Samples already have an episode_id column; EpisodeSamples.assign adds it "
          + "from the episode bounds, drop or rename the existing column first");
    }
    if (marginNs < 0) {
      throw new IllegalArgumentException("Episode margin must be >= 0 ns, got " + marginNs);
    }
    List<Column> boundColumns = new ArrayList<>();
    Column condition = null;
    for (int i = 0; i < joinKeys.size(); i++) {
      boundColumns.add(col(joinKeys.get(i)).as("_episode_key" + i));
      Column same = samples.col(joinKeys.get(i)).equalTo(col("_episode_key" + i));
      condition = condition == null ? same : condition.and(same);
    }
    boundColumns.addAll(List.of(col(EPISODE_ID), col(AlignmentGrids.START_NS).cast("long").as("_start"),
        col(AlignmentGrids.END_NS).cast("long").as("_end")));
    Dataset<Row> bounds = episodes.select(boundColumns.toArray(new Column[0]));
    condition = condition.and(samples.col(TS_NS).geq(col("_start").minus(marginNs)))
        .and(samples.col(TS_NS).leq(col("_end").plus(marginNs)));
    List<String> dropped = new ArrayList<>(List.of("_start", "_end"));
    for (int i = 0; i < joinKeys.size(); i++) {
      dropped.add("_episode_key" + i);
    }
    return samples.join(broadcast(bounds), condition).drop(dropped.toArray(new String[0]));
  }

  /** {@link #assign} with the margin every stream of {@code config} needs. */
  public static Dataset<Row> assign(Dataset<Row> samples, Dataset<Row> episodes, String joinKey,
      AlignmentConfig config) {
    return assign(samples, episodes, joinKey, config.maxReachNs());
  }

  /** {@link #assign(Dataset, Dataset, List, long)} with the margin every stream of {@code config} needs. */
  public static Dataset<Row> assign(Dataset<Row> samples, Dataset<Row> episodes, List<String> joinKeys,
      AlignmentConfig config) {
    return assign(samples, episodes, joinKeys, config.maxReachNs());
  }
}
