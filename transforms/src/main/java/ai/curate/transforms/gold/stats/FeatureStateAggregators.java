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

  /** What both aggregators share: the empty state, merging partial states, and the state bytes they produce. */
  private abstract static class StateAggregator<IN> extends Aggregator<IN, FeatureAccumulator, byte[]> {
    private final int mantissaBits;

    StateAggregator(int mantissaBits) {
      this.mantissaBits = mantissaBits;
    }

    @Override
    public final FeatureAccumulator zero() {
      return new FeatureAccumulator(mantissaBits);
    }

    @Override
    public final FeatureAccumulator merge(FeatureAccumulator a, FeatureAccumulator b) {
      return a.merge(b);
    }

    @Override
    public final byte[] finish(FeatureAccumulator acc) {
      return acc.toBytes();
    }

    @Override
    public final Encoder<FeatureAccumulator> bufferEncoder() {
      return Encoders.javaSerialization(FeatureAccumulator.class);
    }

    @Override
    public final Encoder<byte[]> outputEncoder() {
      return Encoders.BINARY();
    }
  }

  /** float values -> state bytes. */
  public static final class Accumulate extends StateAggregator<Float> {
    public Accumulate(int mantissaBits) {
      super(mantissaBits);
    }

    @Override
    public FeatureAccumulator reduce(FeatureAccumulator acc, Float value) {
      return value == null ? acc : acc.add(value);
    }
  }

  /** state bytes -> merged state bytes. */
  public static final class Merge extends StateAggregator<byte[]> {
    public Merge(int mantissaBits) {
      super(mantissaBits);
    }

    @Override
    public FeatureAccumulator reduce(FeatureAccumulator acc, byte[] state) {
      return state == null ? acc : acc.merge(FeatureAccumulator.fromBytes(state));
    }
  }
}
