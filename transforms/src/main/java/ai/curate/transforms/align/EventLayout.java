package ai.curate.transforms.align;

import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import org.apache.spark.sql.Column;

/**
 * The event rows that {@link Alignment} shuffles and sorts and {@link MergePartitions} merges: their columns, and
 * how the sort key and the tag are packed. Kept narrow on purpose, because every sample crosses the exchange and the
 * sort in this form (six columns; the time rides inside the sort key).
 *
 * <p>Sort key: the top {@link #hashBits()} bits of xxhash64(episode, stream index, bucket), then the event's offset
 * from its bucket's base ({@code bucket * bucketNs - maxReach}). Sorting by this one long orders a group's events by
 * time, so the sorter decides almost every comparison on its 8-byte prefix alone; rows are only compared field by
 * field at equal times. Groups whose top hash bits collide share a run (equal {@link #runKey}), interleaved by time,
 * and are told apart by (episode, stream, bucket) in the merge, which keeps the result exact.
 *
 * <p>Tag: {@code stream_index << 2 | kind << 1 | owned}. Within one group the stream is fixed, so ordering by the
 * tag after the sort key puts samples (kind 0) before grid points (kind 1) at equal times, as the merge requires.
 */
final class EventLayout implements Serializable {

  static final int E_SORT_KEY = 0;
  static final int E_SEQ = 1;
  static final int E_BUCKET = 2;
  static final int E_TAG = 3;
  static final int E_EPISODE = 4;
  static final int E_VALUES = 5;

  static final String SORT_KEY = "sort_key";
  static final String TAG = "tag";
  static final String BUCKET = "bucket";

  static final int KIND_SAMPLE = 0;
  static final int KIND_GRID = 1;

  /** Fewer hash bits than this would put many groups into one run (validated by {@link AlignmentConfig}). */
  static final int MIN_HASH_BITS = 16;
  /** The largest bucket length + 2 x max gap whose offsets leave {@link #MIN_HASH_BITS} for the hash (~78 h). */
  static final long MAX_BUCKET_SPAN_NS = (1L << (64 - MIN_HASH_BITS)) - 1;

  private final long bucketNs;
  private final long maxReachNs;
  private final int offsetBits;
  private final long hashMask;

  private EventLayout(long bucketNs, long maxReachNs) {
    this.bucketNs = bucketNs;
    this.maxReachNs = maxReachNs;
    // Offsets lie in [0, bucketNs + 2 * maxReach]: a bucket's own span plus the copies within reach on either side.
    this.offsetBits = 64 - Long.numberOfLeadingZeros(bucketSpanNs(bucketNs, maxReachNs));
    this.hashMask = -1L << offsetBits;
  }

  static EventLayout of(AlignmentConfig config) {
    return new EventLayout(config.bucketNs(), config.maxReachNs());
  }

  /** bucketNs + 2 x maxReach, the range of offsets; must not exceed {@link #MAX_BUCKET_SPAN_NS}. */
  static long bucketSpanNs(long bucketNs, long maxReachNs) {
    if (maxReachNs > MAX_BUCKET_SPAN_NS / 2 || bucketNs > MAX_BUCKET_SPAN_NS - 2 * maxReachNs) {
      return Long.MAX_VALUE;
    }
    return bucketNs + 2 * maxReachNs;
  }

  int hashBits() {
    return 64 - offsetBits;
  }

  /** The part of the sort key shared by all events of a group (and of groups colliding with it). */
  long runKey(long sortKey) {
    return sortKey & hashMask;
  }

  /** {@link #runKey} in SQL: what the events are partitioned by, so that a run stays in one partition. */
  Column runKeyColumn(Column sortKey) {
    return sortKey.bitwiseAND(lit(hashMask));
  }

  long sortKey(long groupHash, long bucket, long ts) {
    return (groupHash & hashMask) | (ts - bucketBase(bucket));
  }

  /** The event's time, recovered exactly from its sort key and bucket. */
  long ts(long sortKey, long bucket) {
    return bucketBase(bucket) + (sortKey & ~hashMask);
  }

  private long bucketBase(long bucket) {
    return bucket * bucketNs - maxReachNs;
  }

  /** {@link #sortKey} in SQL. */
  Column sortKeyColumn(Column groupHash, Column bucket, Column ts) {
    return groupHash.bitwiseAND(lit(hashMask))
        .bitwiseOR(ts.minus(bucket.multiply(lit(bucketNs)).minus(lit(maxReachNs))));
  }

  static int tag(int streamIndex, int kind, boolean owned) {
    return streamIndex << 2 | kind << 1 | (owned ? 1 : 0);
  }

  /** {@link #tag} in SQL. */
  static Column tagColumn(Column streamIndex, int kind, Column owned) {
    return org.apache.spark.sql.functions.shiftLeft(streamIndex, 2).bitwiseOR(lit(kind << 1))
        .bitwiseOR(org.apache.spark.sql.functions.when(owned, lit(1)).otherwise(lit(0)));
  }

  static int streamIndex(int tag) {
    return tag >>> 2;
  }

  static int kind(int tag) {
    return (tag >>> 1) & 1;
  }

  static boolean owned(int tag) {
    return (tag & 1) != 0;
  }
}
