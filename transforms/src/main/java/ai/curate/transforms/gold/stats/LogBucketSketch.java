package ai.curate.transforms.gold.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * A mergeable quantile sketch with a relative-error guarantee: a histogram over float32 values whose buckets are
 * the floats sharing sign, exponent and the top {@code b} mantissa bits (a log-linear histogram, like HdrHistogram
 * or DDSketch with the float's own bit layout as the index).
 *
 * <p>Error bound: every value in a bucket is within half the bucket's width of its midpoint, so the representative
 * of the value of rank r is within {@code 2^-(b+1)} of it, relatively ({@code |rep - x| <= 2^-(b+1) * |x|}) for
 * normal floats, and within {@code 2^-(127+b)} absolutely for |x| below 2^-126. With the default b = 8 that is
 * 0.195 % relative. Unlike rank-error sketches (GK, KLL, t-digest), the bound holds in the value domain at every
 * quantile, including the tails (q01, q99), whatever the data size.
 *
 * <p>Merging adds bucket counts: associative and commutative, so the sketch of a set of values is the same
 * whatever the partitioning and merge order (reruns give identical bytes). Size: at most {@code 2^(b+1)} buckets per
 * binary order of magnitude the data spans; a feature spanning 20 binades at b = 8 has at most ~10k buckets.
 */
public final class LogBucketSketch {
  public static final int DEFAULT_MANTISSA_BITS = 8;
  private static final int EMPTY = Integer.MIN_VALUE;

  private final int mantissaBits;
  private int[] keys;
  private long[] counts;
  private int size;
  private long total;

  public LogBucketSketch(int mantissaBits) {
    if (mantissaBits < 0 || mantissaBits > 23) {
      throw new IllegalArgumentException("mantissa bits must be in [0, 23], got " + mantissaBits);
    }
    this.mantissaBits = mantissaBits;
    allocate(16);
  }

  public int mantissaBits() {
    return mantissaBits;
  }

  /** The relative error bound of a representative for normal floats: {@code 2^-(b+1)}. */
  public static double relativeError(int mantissaBits) {
    return Math.scalb(1.0, -(mantissaBits + 1));
  }

  /** The absolute error bound below the smallest normal float: {@code 2^-(127+b)}. */
  public static double subnormalAbsoluteError(int mantissaBits) {
    return Math.scalb(1.0, -(127 + mantissaBits));
  }

  public long total() {
    return total;
  }

  public int bucketCount() {
    return size;
  }

  /** Adds one finite value. */
  public void add(float value) {
    increment(key(value, mantissaBits), 1);
    total++;
  }

  public void merge(LogBucketSketch other) {
    if (other.mantissaBits != mantissaBits) {
      throw new IllegalArgumentException("cannot merge sketches of " + mantissaBits + " and " + other.mantissaBits
          + " mantissa bits");
    }
    for (int i = 0; i < other.keys.length; i++) {
      if (other.keys[i] != EMPTY) {
        increment(other.keys[i], other.counts[i]);
      }
    }
    total += other.total;
  }

  /**
   * Bucket representatives of the values at the given 0-based ranks (ascending, each below {@link #total()}):
   * the midpoint of the bucket holding that rank.
   */
  public double[] representatives(long[] ranks) {
    int[] sorted = sortedKeys();
    double[] out = new double[ranks.length];
    long seen = 0;
    int bucket = 0;
    for (int r = 0; r < ranks.length; r++) {
      if (ranks[r] < 0 || ranks[r] >= total || (r > 0 && ranks[r] < ranks[r - 1])) {
        throw new IllegalArgumentException("ranks must ascend within [0, " + total + "): " + Arrays.toString(ranks));
      }
      while (seen + countOf(sorted[bucket]) <= ranks[r]) {
        seen += countOf(sorted[bucket]);
        bucket++;
      }
      out[r] = midpoint(sorted[bucket], mantissaBits);
    }
    return out;
  }

  /** Bucket key: order-preserving over values (negative keys for negative values), -0 and +0 share bucket 0. */
  static int key(float value, int mantissaBits) {
    int raw = Float.floatToRawIntBits(value);
    int magnitude = raw & 0x7FFF_FFFF;
    int index = magnitude >>> (23 - mantissaBits);
    return raw < 0 && magnitude != 0 ? -(index + 1) : index;
  }

  /** The midpoint of a bucket's value range. */
  static double midpoint(int key, int mantissaBits) {
    boolean negative = key < 0;
    int index = negative ? -(key + 1) : key;
    int exponent = index >>> mantissaBits; // biased float exponent
    double lower = Float.intBitsToFloat(index << (23 - mantissaBits));
    double width = Math.scalb(1.0, Math.max(exponent, 1) - 127 - mantissaBits);
    double mid = lower + width / 2;
    return negative ? -mid : mid;
  }

  void write(DataOutput out) throws IOException {
    int[] sorted = sortedKeys();
    out.writeByte(mantissaBits);
    out.writeLong(total);
    out.writeInt(sorted.length);
    int previous = 0;
    for (int k : sorted) {
      writeVarLong(out, (long) k - previous); // ascending: deltas are small and non-negative after the first
      writeVarLong(out, countOf(k));
      previous = k;
    }
  }

  static LogBucketSketch read(DataInput in) throws IOException {
    LogBucketSketch s = new LogBucketSketch(in.readUnsignedByte());
    long total = in.readLong();
    int n = in.readInt();
    s.allocate(Math.max(16, Integer.highestOneBit(Math.max(1, n) * 2) * 2));
    long previous = 0;
    for (int i = 0; i < n; i++) {
      long k = previous + readVarLong(in);
      s.increment((int) k, readVarLong(in));
      previous = k;
    }
    s.total = total;
    return s;
  }

  private int[] sortedKeys() {
    int[] out = new int[size];
    int j = 0;
    for (int k : keys) {
      if (k != EMPTY) {
        out[j++] = k;
      }
    }
    Arrays.sort(out);
    return out;
  }

  private long countOf(int key) {
    return counts[slot(key)];
  }

  private void increment(int key, long by) {
    int s = slot(key);
    if (keys[s] == EMPTY) {
      if ((size + 1) * 4 > keys.length * 3) {
        rehash(keys.length * 2);
        s = slot(key);
      }
      keys[s] = key;
      size++;
    }
    counts[s] += by;
  }

  /** Linear probing; returns the key's slot or the empty slot where it belongs. */
  private int slot(int key) {
    int mask = keys.length - 1;
    int s = mix(key) & mask;
    while (keys[s] != EMPTY && keys[s] != key) {
      s = (s + 1) & mask;
    }
    return s;
  }

  private static int mix(int key) {
    int h = key * 0x9E37_79B9;
    return h ^ (h >>> 16);
  }

  private void allocate(int capacity) {
    keys = new int[capacity];
    Arrays.fill(keys, EMPTY);
    counts = new long[capacity];
    size = 0;
  }

  private void rehash(int capacity) {
    int[] oldKeys = keys;
    long[] oldCounts = counts;
    allocate(capacity);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int s = slot(oldKeys[i]);
        keys[s] = oldKeys[i];
        counts[s] = oldCounts[i];
        size++;
      }
    }
  }

  private static void writeVarLong(DataOutput out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private static long readVarLong(DataInput in) throws IOException {
    long v = 0;
    int shift = 0;
    while (true) {
      int b = in.readUnsignedByte();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
      shift += 7;
    }
  }
}
