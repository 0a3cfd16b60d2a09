package ai.curate.mcap.ros2;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A {@code uint64[]} value: the raw 64-bit patterns in a {@code long[]} (fast, no boxing), read as unsigned. A bare
 * {@code long[]} would make values above {@link Long#MAX_VALUE} look negative, which is why this type exists.
 */
public final class Uint64Array {
  private final long[] bits;

  /** Wraps (does not copy) the unsigned 64-bit patterns. */
  public Uint64Array(long[] bits) {
    this.bits = bits;
  }

  /** The raw bit patterns (shared, not a copy); compare and print them with {@link Long#toUnsignedString}. */
  public long[] bits() {
    return bits;
  }

  public int length() {
    return bits.length;
  }

  /** Element {@code i}, exact: a Long when it fits, else a BigInteger, as for a scalar {@code uint64}. */
  public Number get(int i) {
    return ValueModel.uint64(bits[i]);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Uint64Array that && Arrays.equals(bits, that.bits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < bits.length; i++) {
      out.append(i == 0 ? "" : ", ").append(Long.toUnsignedString(bits[i]));
    }
    return out.append(']').toString();
  }

  static BigInteger unsigned(long bits) {
    BigInteger value = BigInteger.valueOf(bits & Long.MAX_VALUE);
    return bits < 0 ? value.setBit(63) : value;
  }
}
