package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignmentColumns.EPISODE_ID;
import static ai.curate.transforms.align.AlignmentColumns.TS_NS;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.max;

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
    // One small query over the episodes (a few per session-minute), not over the samples.
    Row longest = episodes.agg(max(greatest(col(AlignmentGrids.END_NS), col(AlignmentGrids.START_NS)).cast("long")
        .minus(col(AlignmentGrids.START_NS).cast("long")))).first();
    return assign(samples, episodes, joinKeys, marginNs,
        lookupBucketNs(longest.isNullAt(0) ? 0 : longest.getLong(0), marginNs));
  }

  /**
   * Time buckets of the episode lookup. A session has many episodes (about one every 20 s in the fleet); joined on
   * the session alone, every sample would be tested against all of them (a day's joint states times a session's
   * episodes). Joined on (session, bucket of its time), a sample meets only the one or two episodes that overlap its
   * bucket. An episode is listed once per bucket it touches, a few per episode and 1,441 for a 4-hour one: the
   * broadcast side stays small.
   */
  static final long LOOKUP_BUCKET_NS = 10_000_000_000L;

  /** At most this many buckets per episode: the buckets grow with the longest episode's reach beyond it. */
  static final long MAX_BUCKETS_PER_EPISODE = 10_000;

  /**
   * {@link #LOOKUP_BUCKET_NS}, or longer when the longest episode's reach would need more than
   * {@link #MAX_BUCKETS_PER_EPISODE} of them: an episode with a corrupt bound (years long) coarsens the lookup towards
   * the session-only join instead of listing billions of buckets.
   */
  static long lookupBucketNs(long longestEpisodeNs, long marginNs) {
    double reach = (double) Math.max(0, longestEpisodeNs) + 2.0 * marginNs;
    double needed = Math.ceil(reach / (MAX_BUCKETS_PER_EPISODE - 2));
    return needed >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 4 : Math.max(LOOKUP_BUCKET_NS, (long) needed);
  }

  static Dataset<Row> assign(Dataset<Row> samples, Dataset<Row> episodes, List<String> joinKeys, long marginNs,
      long bucketNs) {
    if (Arrays.asList(samples.columns()).contains(EPISODE_ID)) {
      throw new IllegalArgumentException("Samples already have an episode_id column; EpisodeSamples.assign adds it "
          + "from the episode bounds, drop or rename the existing column first");
    }
    if (marginNs < 0) {
      throw new IllegalArgumentException("Episode margin must be >= 0 ns, got " + marginNs);
    }
    Dataset<Row> keyed = samples.withColumn("_sample_bucket", expr(Alignment.floorDiv(TS_NS, bucketNs)));
    List<Column> boundColumns = new ArrayList<>();
    Column condition = null;
    for (int i = 0; i < joinKeys.size(); i++) {
      boundColumns.add(col(joinKeys.get(i)).as("_episode_key" + i));
      Column same = keyed.col(joinKeys.get(i)).equalTo(col("_episode_key" + i));
      condition = condition == null ? same : condition.and(same);
    }
    boundColumns.addAll(List.of(col(EPISODE_ID), col(AlignmentGrids.START_NS).cast("long").as("_start"),
        col(AlignmentGrids.END_NS).cast("long").as("_end")));
    // Every bucket the episode's reach [start - margin, end + margin] touches; a sample's own bucket is where its
    // time falls, so it meets each episode whose reach holds it exactly once.
    Dataset<Row> bounds = episodes.select(boundColumns.toArray(new Column[0]))
        .where(col("_start").isNotNull().and(col("_end").isNotNull()))
        .withColumn("_bucket", explode(expr("sequence(" + Alignment.floorDiv("_start - " + marginNs + "L", bucketNs)
            + ", " + Alignment.floorDiv("greatest(_start, _end) + " + marginNs + "L", bucketNs) + ")")));
    condition = condition.and(keyed.col("_sample_bucket").equalTo(col("_bucket")))
        .and(keyed.col(TS_NS).geq(col("_start").minus(marginNs)))
        .and(keyed.col(TS_NS).leq(col("_end").plus(marginNs)));
    List<String> dropped = new ArrayList<>(List.of("_start", "_end", "_bucket", "_sample_bucket"));
    for (int i = 0; i < joinKeys.size(); i++) {
      dropped.add("_episode_key" + i);
    }
    return keyed.join(broadcast(bounds), condition).drop(dropped.toArray(new String[0]));
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
