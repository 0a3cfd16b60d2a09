package ai.curate.mcap.ros2;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The Java values a decoded message is made of, shared by the CDR and JSON decoders, the CDR encoder and the JSON
 * writer.
 *
 * <ul>
 * <li>message (struct): {@code LinkedHashMap<String, Object>}, fields in definition order (constants are absent);
 * <li>{@code bool}: Boolean;
 * <li>{@code int8}, {@code int16}, {@code int32}, {@code uint8}, {@code uint16}, {@code byte}, {@code char}: Integer
 * ({@code byte} and {@code char} are unsigned 8-bit in ROS 2);
 * <li>{@code uint32}, {@code int64}: Long;
 * <li>{@code uint64}: Long when it is at most {@link Long#MAX_VALUE}, else BigInteger (exact);
 * <li>{@code float32}: Float; {@code float64}: Double;
 * <li>{@code string}: String (UTF-8 on the wire);
 * <li>arrays and sequences (fixed, bounded or not) of {@code uint8}, {@code byte}, {@code char}, {@code int8}:
 * {@code byte[]};
 * <li>of {@code bool}: {@code boolean[]}; {@code int16}: {@code short[]}; {@code uint16}, {@code int32}:
 * {@code int[]}; {@code uint32}, {@code int64}: {@code long[]}; {@code float32}: {@code float[]}; {@code float64}:
 * {@code double[]}; {@code uint64}: {@link Uint64Array} (unsigned bit patterns in a {@code long[]});
 * <li>of {@code string}: {@code List<String>}; of messages: {@code List<Map<String, Object>>}.
 * </ul>
 *
 * JSON-encoded messages have no ROS types: there, integers are Integer, Long or BigInteger (the smallest that holds
 * them), other numbers Double, and arrays {@code List<Object>} unless the JSON Schema types them (see
 * {@link JsonMessageDecoder}).
 */
public final class ValueModel {
  private ValueModel() {}

  /** A {@code uint64} bit pattern as the model's exact value: Long when it fits, else BigInteger. */
  public static Number uint64(long bits) {
    return bits >= 0 ? Long.valueOf(bits) : Uint64Array.unsigned(bits);
  }

  /** An integer of {@code type} in the model's box (Integer, Long or BigInteger), from its exact value. */
  static Object integer(PrimitiveType type, BigInteger value) {
    return switch (type) {
      case INT8, INT16, INT32, UINT8, UINT16, BYTE, CHAR -> value.intValueExact();
      case UINT32, INT64 -> value.longValueExact();
      case UINT64 -> value.bitLength() < 64 ? (Object) value.longValueExact() : value;
      default -> throw new IllegalArgumentException(type + " is not an integer type");
    };
  }

  /** The inclusive range of an integer type, as {min, max}. */
  static BigInteger[] range(PrimitiveType type) {
    return switch (type) {
      case INT8 -> bounds(-128, 127);
      case UINT8, BYTE, CHAR -> bounds(0, 255);
      case INT16 -> bounds(Short.MIN_VALUE, Short.MAX_VALUE);
      case UINT16 -> bounds(0, 65535);
      case INT32 -> bounds(Integer.MIN_VALUE, Integer.MAX_VALUE);
      case UINT32 -> bounds(0, 0xffffffffL);
      case INT64 -> bounds(Long.MIN_VALUE, Long.MAX_VALUE);
      case UINT64 -> new BigInteger[] {BigInteger.ZERO, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)};
      default -> throw new IllegalArgumentException(type + " is not an integer type");
    };
  }

  private static BigInteger[] bounds(long min, long max) {
    return new BigInteger[] {BigInteger.valueOf(min), BigInteger.valueOf(max)};
  }

  /** The model's zero value of a scalar primitive (false, 0, 0.0, ""). */
  static Object zero(PrimitiveType type) {
    return switch (type) {
      case BOOL -> Boolean.FALSE;
      case UINT32, INT64, UINT64 -> 0L;
      case FLOAT32 -> 0f;
      case FLOAT64 -> 0d;
      case STRING, WSTRING -> "";
      default -> 0;
    };
  }

  /** The model's array of {@code type} holding {@code values} (each already a scalar of the model). */
  static Object primitiveArray(PrimitiveType type, List<?> values) {
    int n = values.size();
    switch (type) {
      case STRING, WSTRING :
        List<String> strings = new ArrayList<>(n);
        values.forEach(v -> strings.add((String) v));
        return strings;
      case BOOL : {
        boolean[] out = new boolean[n];
        for (int i = 0; i < n; i++) {
          out[i] = (Boolean) values.get(i);
        }
        return out;
      }
      case FLOAT32 : {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
          out[i] = ((Number) values.get(i)).floatValue();
        }
        return out;
      }
      case FLOAT64 : {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
          out[i] = ((Number) values.get(i)).doubleValue();
        }
        return out;
      }
      default :
        Object array = newPrimitiveArray(type, n);
        for (int i = 0; i < n; i++) {
          setInteger(array, i, ((Number) values.get(i)).longValue());
        }
        return array;
    }
  }

  /** A zeroed array of the model's representation for {@code n} elements of {@code type}. */
  static Object newPrimitiveArray(PrimitiveType type, int n) {
    return switch (type) {
      case BOOL -> new boolean[n];
      case BYTE, CHAR, INT8, UINT8 -> new byte[n];
      case INT16 -> new short[n];
      case UINT16, INT32 -> new int[n];
      case UINT32, INT64 -> new long[n];
      case UINT64 -> new Uint64Array(new long[n]);
      case FLOAT32 -> new float[n];
      case FLOAT64 -> new double[n];
      case STRING, WSTRING -> {
        List<String> strings = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
          strings.add("");
        }
        yield strings;
      }
    };
  }

  private static void setInteger(Object array, int i, long value) {
    if (array instanceof byte[] a) {
      a[i] = (byte) value;
    } else if (array instanceof short[] a) {
      a[i] = (short) value;
    } else if (array instanceof int[] a) {
      a[i] = (int) value;
    } else if (array instanceof long[] a) {
      a[i] = value;
    } else if (array instanceof Uint64Array a) {
      a.bits()[i] = value;
    }
  }

  /** Elements in an array value of the model (primitive array, Uint64Array or List), or -1 if it is none. */
  static int length(Object array) {
    if (array instanceof List<?> list) {
      return list.size();
    } else if (array instanceof Uint64Array a) {
      return a.length();
    } else if (array != null && array.getClass().isArray()) {
      return Array.getLength(array);
    }
    return -1;
  }
}
