package ai.curate.mcap;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/** A growable little-endian byte buffer for building record bodies, and records with their prefix. */
final class RecordBuffer {
  private byte[] bytes = new byte[256];
  private int size;

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  void reset() {
    size = 0;
  }

  RecordBuffer u8(int value) {
    ensure(1);
    bytes[size++] = (byte) value;
    return this;
  }

  RecordBuffer u16(int value) {
    return little(value, 2);
  }

  RecordBuffer u32(long value) {
    return little(value, 4);
  }

  RecordBuffer u64(long value) {
    return little(value, 8);
  }

  RecordBuffer string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    u32(utf8.length);
    return raw(utf8, 0, utf8.length);
  }

  RecordBuffer bytes32(byte[] value) {
    u32(value.length);
    return raw(value, 0, value.length);
  }

  RecordBuffer bytes64(byte[] value) {
    u64(value.length);
    return raw(value, 0, value.length);
  }

  RecordBuffer stringMap(Map<String, String> map) {
    RecordBuffer entries = new RecordBuffer();
    map.forEach((key, value) -> entries.string(key).string(value));
    return bytes32(entries.toByteArray());
  }

  RecordBuffer u16u64Map(Map<Integer, Long> map) {
    RecordBuffer entries = new RecordBuffer();
    map.forEach((key, value) -> entries.u16(key).u64(value));
    return bytes32(entries.toByteArray());
  }

  RecordBuffer raw(byte[] value, int offset, int length) {
    ensure(length);
    System.arraycopy(value, offset, bytes, size, length);
    size += length;
    return this;
  }

  /** Appends a whole record: opcode, the body's length, the body. */
  RecordBuffer record(int opcode, RecordBuffer body) {
    u8(opcode).u64(body.size());
    return raw(body.bytes, 0, body.size);
  }

  private RecordBuffer little(long value, int width) {
    ensure(width);
    for (int i = 0; i < width; i++) {
      bytes[size++] = (byte) (value >>> (8 * i));
    }
    return this;
  }

  private void ensure(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }
}
