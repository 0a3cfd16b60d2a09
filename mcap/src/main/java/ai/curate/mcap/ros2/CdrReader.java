package ai.curate.mcap.ros2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads CDR primitives from a message after its 4-byte encapsulation header, aligning each to its size (capped by
 * the representation) relative to the byte after the header. Every read checks the bounds first and throws
 * {@link CdrUnderflowException}, never an index error.
 */
final class CdrReader {
  static final int HEADER = 4;

  private final ByteBuffer buffer;
  private final int limit;
  private final int maxAlignment;
  private int offset = HEADER;

  CdrReader(byte[] message, CdrRepresentation representation) {
    this.buffer = ByteBuffer.wrap(message)
        .order(representation.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    this.limit = message.length;
    this.maxAlignment = representation.maxAlignment();
  }

  /** The byte offset of the next read, counted from the start of the message (header included). */
  int offset() {
    return offset;
  }

  int remaining() {
    return limit - offset;
  }

  /** Moves to {@code target}, which must be within the message and not behind the current offset. */
  void skipTo(int target, String what) {
    if (target > limit) {
      throw new CdrUnderflowException(what, offset, target - offset, remaining());
    }
    offset = target;
  }

  void align(int size) {
    int alignment = Math.min(size, maxAlignment);
    int misalignment = (offset - HEADER) % alignment;
    if (misalignment != 0) {
      int padded = offset + alignment - misalignment;
      if (padded > limit) {
        throw new CdrUnderflowException("padding", offset, padded - offset, remaining());
      }
      offset = padded;
    }
  }

  /** Aligns for and checks {@code count} elements of {@code size} bytes, returning the offset of the first. */
  private int take(int size, long count, String what) {
    if (count > 0) {
      align(size);
    }
    long bytes = size * count;
    if (bytes > remaining()) {
      throw new CdrUnderflowException(what, offset, bytes, remaining());
    }
    int at = offset;
    offset += (int) bytes;
    return at;
  }

  byte int8() {
    return buffer.get(take(1, 1, "1-byte value"));
  }

  short int16() {
    return buffer.getShort(take(2, 1, "2-byte value"));
  }

  int int32() {
    return buffer.getInt(take(4, 1, "4-byte value"));
  }

  long int64() {
    return buffer.getLong(take(8, 1, "8-byte value"));
  }

  float float32() {
    return buffer.getFloat(take(4, 1, "float32"));
  }

  double float64() {
    return buffer.getDouble(take(8, 1, "float64"));
  }

  /** A u32 count (sequence length, DHEADER), checked against the bytes left at {@code minElementSize} each. */
  int count(String what, int minElementSize) {
    align(4);
    int at = offset;
    long count = Integer.toUnsignedLong(int32());
    if (count * minElementSize > remaining()) {
      throw new CdrUnderflowException(what + " of " + count, at, count * minElementSize, remaining() + 4L);
    }
    return (int) count;
  }

  /** A CDR string: u32 length including the terminating NUL, then the UTF-8 bytes. */
  String string() {
    align(4);
    int at = offset;
    int length = count("string length", 1);
    if (length == 0) {
      // Some writers emit 0 for an empty string, omitting the NUL.
      return "";
    }
    int start = take(1, length, "string bytes");
    if (buffer.get(start + length - 1) != 0) {
      throw new CdrMalformedException("string of length " + length + " not terminated by NUL", at);
    }
    return new String(buffer.array(), start, length - 1, StandardCharsets.UTF_8);
  }

  byte[] bytes(int count) {
    int at = take(1, count, count + " bytes");
    byte[] out = new byte[count];
    buffer.get(at, out);
    return out;
  }

  short[] int16s(int count) {
    short[] out = new short[count];
    elements(2, count, count + " 2-byte values").asShortBuffer().get(out);
    return out;
  }

  int[] int32s(int count) {
    int[] out = new int[count];
    elements(4, count, count + " 4-byte values").asIntBuffer().get(out);
    return out;
  }

  long[] int64s(int count) {
    long[] out = new long[count];
    elements(8, count, count + " 8-byte values").asLongBuffer().get(out);
    return out;
  }

  float[] float32s(int count) {
    float[] out = new float[count];
    elements(4, count, count + " float32 values").asFloatBuffer().get(out);
    return out;
  }

  double[] float64s(int count) {
    double[] out = new double[count];
    elements(8, count, count + " float64 values").asDoubleBuffer().get(out);
    return out;
  }

  /**
   * The checked bytes of {@code count} elements of {@code size} bytes, as a view in the message's byte order (a
   * slice does not inherit the order) for the typed bulk reads above.
   */
  private ByteBuffer elements(int size, int count, String what) {
    int at = take(size, count, what);
    return buffer.slice(at, size * count).order(buffer.order());
  }

  /** The message ends before a value: what was wanted, where, how many bytes it needed and how many were left. */
  static final class CdrUnderflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CdrUnderflowException(String what, int offset, long needed, long available) {
      super(what + " at byte " + offset + " needs " + needed + " bytes, " + available + " left");
    }
  }

  /** Bytes that cannot be what the schema says (a string without its NUL, a DHEADER that disagrees). */
  static final class CdrMalformedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CdrMalformedException(String what, int offset) {
      super(what + " at byte " + offset);
    }
  }
}
