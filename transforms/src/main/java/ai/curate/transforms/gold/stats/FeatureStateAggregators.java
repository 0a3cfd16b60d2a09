package ai.curate.transforms.gold.stats;

import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.expressions.Aggregator;

/**
 * Spark aggregators over {@link FeatureAccumulator}: one folds values into a state, the other merges states (of
 * several dates, say). Registered with {@code functions.udaf}, they run as typed imperative aggregates: partial
 * states per partition, merged after the shuffle, the buffer serialized in the accumulator's compact form.
 */
public final class FeatureStateAggregators {
  private FeatureStateAggregators() {}

  /** float values -> state bytes. */
  public static final class Accumulate extends Aggregator<Float, FeatureAccumulator, byte[]> {
    private final int mantissaBits;

    public Accumulate(int mantissaBits) {
      this.mantissaBits = mantissaBits;
    }

    @Override
    public FeatureAccumulator zero() {
      return new FeatureAccumulator(mantissaBits);
    }

    @Override
    public FeatureAccumulator reduce(FeatureAccumulator acc, Float value) {
      return value == null ? acc : acc.add(value);
    }

    @Override
    public FeatureAccumulator merge(FeatureAccumulator a, FeatureAccumulator b) {
      return a.merge(b);
    }

    @Override
    public byte[] finish(FeatureAccumulator acc) {
      return acc.toBytes();
    }

    @Override
    public Encoder<FeatureAccumulator> bufferEncoder() {
      return Encoders.javaSerialization(FeatureAccumulator.class);
    }

    @Override
    public Encoder<byte[]> outputEncoder() {
      return Encoders.BINARY();
    }
  }

  /** state bytes -> merged state bytes. */
  public static final class Merge extends Aggregator<byte[], FeatureAccumulator, byte[]> {
    private final int mantissaBits;

    public Merge(int mantissaBits) {
      this.mantissaBits = mantissaBits;
    }

    @Override
    public FeatureAccumulator zero() {
      return new FeatureAccumulator(mantissaBits);
    }

    @Override
    public FeatureAccumulator reduce(FeatureAccumulator acc, byte[] state) {
      return state == null ? acc : acc.merge(FeatureAccumulator.fromBytes(state));
    }

    @Override
    public FeatureAccumulator merge(FeatureAccumulator a, FeatureAccumulator b) {
      return a.merge(b);
    }

    @Override
    public byte[] finish(FeatureAccumulator acc) {
      return acc.toBytes();
    }

    @Override
    public Encoder<FeatureAccumulator> bufferEncoder() {
      return Encoders.javaSerialization(FeatureAccumulator.class);
    }

    @Override
    public Encoder<byte[]> outputEncoder() {
      return Encoders.BINARY();
    }
  }
}
