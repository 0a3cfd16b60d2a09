package ai.curate.transforms.gold.stats;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

/**
 * Exact count, sum and sum of squares of float32 values, kept as fixed-point integers.
 *
 * <p>Every finite float is {@code ±m * 2^(s - 149)} with an integer {@code m < 2^24} and {@code 0 <= s <= 253}; its
 * square is {@code m^2 * 2^(2s - 298)}. So the sum is an integer multiple of {@code 2^-149} and the sum of squares of
 * {@code 2^-298}: both are accumulated exactly in arrays of 32-bit digits ("limbs", carried lazily in longs). Integer
 * addition is associative, hence the state after any sequence of {@link #add}s and {@link #merge}s depends only on
 * the multiset of values: partitions, merge order and reruns cannot change a bit of it. The mean and population
 * variance are then derived from exact integers: {@code var = (n*Q - S^2) / n^2} has no cancellation error at all
 * (Welford/Chan avoid catastrophic cancellation but still round, differently for each merge order).
 */
public final class ExactFloatMoments {
  private static final long MASK32 = 0xFFFF_FFFFL;
  private static final int SUM_LIMBS = 11; // value bits up to 2^277, plus 64 bits of count headroom
  private static final int SQUARE_LIMBS = 20; // value bits up to 2^554, plus headroom
  private static final int SUM_SCALE = 149;
  private static final int SQUARE_SCALE = 298;
  // Each add moves a limb by less than 2^32; a long absorbs 2^31 of them. Carry well before that.
  private static final int CARRY_EVERY = 1 << 30;
  private static final MathContext PRECISION = new MathContext(40);

  private final long[] sum = new long[SUM_LIMBS];
  private final long[] squares = new long[SQUARE_LIMBS];
  private long count;
  private int uncarried;

  /** Adds one finite value (callers filter NaN and infinities). */
  public void add(float value) {
    int bits = Float.floatToRawIntBits(value);
    int biased = (bits >>> 23) & 0xFF;
    long mantissa = bits & 0x7F_FFFF;
    int shift;
    if (biased == 0) {
      shift = 0;
    } else {
      mantissa |= 0x80_0000;
      shift = biased - 1;
    }
    addAt(sum, shift, mantissa, bits < 0);
    addAt(squares, 2 * shift, mantissa * mantissa, false);
    count++;
    if (++uncarried >= CARRY_EVERY) {
      carry();
    }
  }

  public void merge(ExactFloatMoments other) {
    carry();
    other.carry();
    for (int i = 0; i < SUM_LIMBS; i++) {
      sum[i] += other.sum[i];
    }
    for (int i = 0; i < SQUARE_LIMBS; i++) {
      squares[i] += other.squares[i];
    }
    count += other.count;
    carry();
  }

  public long count() {
    return count;
  }

  /** The exact sum. */
  public BigDecimal sum() {
    return scaled(toInteger(sum), SUM_SCALE);
  }

  /** The exact sum of squares. */
  public BigDecimal sumOfSquares() {
    return scaled(toInteger(squares), SQUARE_SCALE);
  }

  /** The mean, correctly rounded from 40 significant digits; NaN when empty. */
  public double mean() {
    if (count == 0) {
      return Double.NaN;
    }
    BigDecimal denominator = new BigDecimal(BigInteger.valueOf(count).shiftLeft(SUM_SCALE));
    return new BigDecimal(toInteger(sum)).divide(denominator, PRECISION).doubleValue();
  }

  /** The population variance (divide by n), from exact integers; NaN when empty. */
  public double variance() {
    return count == 0 ? Double.NaN : varianceExact().doubleValue();
  }

  /** The population standard deviation; NaN when empty. */
  public double std() {
    if (count == 0) {
      return Double.NaN;
    }
    return varianceExact().sqrt(PRECISION).doubleValue();
  }

  private BigDecimal varianceExact() {
    BigInteger n = BigInteger.valueOf(count);
    BigInteger s = toInteger(sum);
    BigInteger numerator = n.multiply(toInteger(squares)).subtract(s.multiply(s));
    BigInteger denominator = n.multiply(n).shiftLeft(SQUARE_SCALE);
    return new BigDecimal(numerator).divide(new BigDecimal(denominator), PRECISION);
  }

  void write(DataOutput out) throws IOException {
    carry();
    out.writeLong(count);
    for (long limb : sum) {
      out.writeLong(limb);
    }
    for (long limb : squares) {
      out.writeLong(limb);
    }
  }

  static ExactFloatMoments read(DataInput in) throws IOException {
    ExactFloatMoments m = new ExactFloatMoments();
    m.count = in.readLong();
    for (int i = 0; i < SUM_LIMBS; i++) {
      m.sum[i] = in.readLong();
    }
    for (int i = 0; i < SQUARE_LIMBS; i++) {
      m.squares[i] = in.readLong();
    }
    return m;
  }

  /** Adds {@code ±magnitude * 2^position} (magnitude below 2^63) to the limbs. */
  private static void addAt(long[] limbs, int position, long magnitude, boolean negative) {
    int i = position >>> 5;
    int offset = position & 31;
    long low = magnitude << offset;
    long high = offset == 0 ? 0 : magnitude >>> (64 - offset);
    long c0 = low & MASK32;
    long c1 = low >>> 32;
    if (negative) {
      limbs[i] -= c0;
      limbs[i + 1] -= c1;
      limbs[i + 2] -= high;
    } else {
      limbs[i] += c0;
      limbs[i + 1] += c1;
      limbs[i + 2] += high;
    }
  }

  /** Brings every limb but the top one into [0, 2^32): the canonical form, so equal values serialize equally. */
  private void carry() {
    carry(sum);
    carry(squares);
    uncarried = 0;
  }

  private static void carry(long[] limbs) {
    for (int i = 0; i < limbs.length - 1; i++) {
      long c = limbs[i] >> 32;
      limbs[i] -= c << 32;
      limbs[i + 1] += c;
    }
  }

  private BigInteger toInteger(long[] limbs) {
    carry();
    BigInteger v = BigInteger.ZERO;
    for (int i = limbs.length - 1; i >= 0; i--) {
      v = v.shiftLeft(32).add(BigInteger.valueOf(limbs[i]));
    }
    return v;
  }

  private static BigDecimal scaled(BigInteger value, int binaryScale) {
    return new BigDecimal(value).divide(new BigDecimal(BigInteger.ONE.shiftLeft(binaryScale)));
  }
}
