package ai.curate.transforms.gold.stats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;

/**
 * The mergeable state of one feature element's statistics: exact moments ({@link ExactFloatMoments}), exact min and
 * max, a quantile sketch ({@link LogBucketSketch}) and the number of non-finite values (NaN, ±inf), which are
 * counted and otherwise left out. Its bytes ({@link #toBytes()}) are canonical: equal for equal multisets of values,
 * so gold.feature_stats is identical across reruns, and states of several dates merge into the state of their union.
 */
public final class FeatureAccumulator implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int FORMAT = 1;

  private transient ExactFloatMoments moments;
  private transient LogBucketSketch sketch;
  private transient float min;
  private transient float max;
  private transient long nonFinite;

  public FeatureAccumulator() {
    this(LogBucketSketch.DEFAULT_MANTISSA_BITS);
  }

  public FeatureAccumulator(int mantissaBits) {
    moments = new ExactFloatMoments();
    sketch = new LogBucketSketch(mantissaBits);
    min = Float.POSITIVE_INFINITY;
    max = Float.NEGATIVE_INFINITY;
  }

  public FeatureAccumulator add(float value) {
    if (!Float.isFinite(value)) {
      nonFinite++;
      return this;
    }
    moments.add(value);
    sketch.add(value);
    min = Math.min(min, value);
    max = Math.max(max, value);
    return this;
  }

  public FeatureAccumulator merge(FeatureAccumulator other) {
    moments.merge(other.moments);
    sketch.merge(other.sketch);
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    nonFinite += other.nonFinite;
    return this;
  }

  public long count() {
    return moments.count();
  }

  public long nonFiniteCount() {
    return nonFinite;
  }

  public int mantissaBits() {
    return sketch.mantissaBits();
  }

  /**
   * The summary: count, mean, population std, min, max and the quantiles, each estimated like numpy's default
   * ("linear") method: with {@code h = q * (n - 1)}, the values at ranks floor(h) and ceil(h) interpolated. Each of
   * those two values is its bucket's representative clamped to [min, max], or min / max exactly at rank 0 / n - 1;
   * so an estimate is within {@code 2^-(b+1) * max(|x_floor|, |x_ceil|)} of numpy's result on the same values.
   */
  public FeatureSummary summary(double[] quantiles) {
    long n = moments.count();
    double[] q = new double[quantiles.length];
    if (n == 0) {
      java.util.Arrays.fill(q, Double.NaN);
      return new FeatureSummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, q, nonFinite);
    }
    long[] ranks = new long[quantiles.length * 2];
    double[] fractions = new double[quantiles.length];
    for (int i = 0; i < quantiles.length; i++) {
      double h = quantiles[i] * (n - 1);
      long lo = (long) Math.floor(h);
      ranks[2 * i] = lo;
      ranks[2 * i + 1] = Math.min(lo + 1, n - 1);
      fractions[i] = h - lo;
    }
    long[] ascending = ranks.clone();
    java.util.Arrays.sort(ascending);
    double[] reps = sketch.representatives(ascending);
    for (int i = 0; i < quantiles.length; i++) {
      double lo = valueAt(ranks[2 * i], ascending, reps, n);
      double hi = valueAt(ranks[2 * i + 1], ascending, reps, n);
      q[i] = fractions[i] == 0 ? lo : lo + fractions[i] * (hi - lo);
    }
    return new FeatureSummary(n, moments.mean(), moments.std(), min, max, q, nonFinite);
  }

  private double valueAt(long rank, long[] ascending, double[] reps, long n) {
    if (rank == 0) {
      return min;
    }
    if (rank == n - 1) {
      return max;
    }
    double rep = reps[java.util.Arrays.binarySearch(ascending, rank)];
    return Math.max(min, Math.min(max, rep));
  }

  public byte[] toBytes() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      writeTo(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static FeatureAccumulator fromBytes(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      FeatureAccumulator a = new FeatureAccumulator();
      a.readFrom(in);
      return a;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a feature statistics state (gold.feature_stats.state): " + e, e);
    }
  }

  private void writeTo(DataOutputStream out) throws IOException {
    out.writeByte(FORMAT);
    out.writeLong(nonFinite);
    out.writeFloat(min);
    out.writeFloat(max);
    moments.write(out);
    sketch.write(out);
  }

  private void readFrom(DataInputStream in) throws IOException {
    int format = in.readUnsignedByte();
    if (format != FORMAT) {
      throw new IOException("unknown state format " + format + " (this version reads format " + FORMAT + ")");
    }
    nonFinite = in.readLong();
    min = in.readFloat();
    max = in.readFloat();
    moments = ExactFloatMoments.read(in);
    sketch = LogBucketSketch.read(in);
  }

  // Java serialization (Spark's aggregation buffer between map and reduce side) uses the compact canonical form.
  private void writeObject(ObjectOutputStream out) throws IOException {
    byte[] b = toBytes();
    out.writeInt(b.length);
    out.write(b);
  }

  private void readObject(ObjectInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    readFrom(new DataInputStream(new ByteArrayInputStream(b)));
  }
}
