package ai.curate.mcap.ros2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes CDR primitives after a 4-byte encapsulation header, aligned as {@link CdrReader} expects them; the mirror
 * of it. Grows as needed; padding bytes are zero.
 */
final class CdrWriter {
  private final ByteOrder order;
  private final int maxAlignment;
  private ByteBuffer buffer;

  CdrWriter(CdrRepresentation representation, int capacity) {
    this.order = representation.littleEndian() ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
    this.maxAlignment = representation.maxAlignment();
    this.buffer = ByteBuffer.allocate(Math.max(capacity, 16)).order(order);
    buffer.put((byte) 0).put((byte) representation.id()).put((byte) 0).put((byte) 0);
  }

  int offset() {
    return buffer.position();
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private void ensure(long bytes) {
    if (buffer.remaining() < bytes) {
      long wanted = Math.max(buffer.capacity() * 2L, buffer.position() + bytes);
      if (wanted > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("message larger than 2 GiB");
      }
      ByteBuffer bigger = ByteBuffer.allocate((int) wanted).order(order);
      buffer.flip();
      bigger.put(buffer);
      buffer = bigger;
    }
  }

  void align(int size) {
    int alignment = Math.min(size, maxAlignment);
    int misalignment = (buffer.position() - CdrReader.HEADER) % alignment;
    if (misalignment != 0) {
      int pad = alignment - misalignment;
      ensure(pad);
      buffer.position(buffer.position() + pad); // a fresh buffer is zeroed
    }
  }

  void int8(int value) {
    ensure(1);
    buffer.put((byte) value);
  }

  void int16(int value) {
    align(2);
    ensure(2);
    buffer.putShort((short) value);
  }

  void int32(int value) {
    align(4);
    ensure(4);
    buffer.putInt(value);
  }

  void int64(long value) {
    align(8);
    ensure(8);
    buffer.putLong(value);
  }

  void float32(float value) {
    align(4);
    ensure(4);
    buffer.putFloat(value);
  }

  void float64(double value) {
    align(8);
    ensure(8);
    buffer.putDouble(value);
  }

  /** u32 byte length including the NUL, the UTF-8 bytes, the NUL. */
  void string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    int32(utf8.length + 1);
    bytes(utf8);
    int8(0);
  }

  void bytes(byte[] values) {
    ensure(values.length);
    buffer.put(values);
  }

  /** Reserves a u32 (a DHEADER) to be filled in by {@link #patchInt32}; returns where it is. */
  int reserveInt32() {
    int32(0);
    return buffer.position() - 4;
  }

  void patchInt32(int at, int value) {
    buffer.putInt(at, value);
  }
}
