package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the little-endian fields of one record body, refusing (as {@link Kind#BAD_RECORD}, naming the record and its
 * file offset) any field that would run past the body's end: a corrupt length never reads a neighbour's bytes.
 */
final class BodyReader {
  private final byte[] bytes;
  private final int end;
  private final int opcode;
  private final long recordOffset;
  private int position;

  BodyReader(byte[] bytes, int start, int end, int opcode, long recordOffset) {
    this.bytes = bytes;
    this.position = start;
    this.end = end;
    this.opcode = opcode;
    this.recordOffset = recordOffset;
  }

  int position() {
    return position;
  }

  int remaining() {
    return end - position;
  }

  int u8() {
    need(1, "u8");
    return bytes[position++] & 0xFF;
  }

  int u16() {
    return (int) littleEndian(2, "u16");
  }

  long u32() {
    return littleEndian(4, "u32");
  }

  /** An unsigned 64-bit value in a long's bits (times and offsets beyond 2^63 do not occur in practice). */
  long u64() {
    return littleEndian(8, "u64");
  }

  /** The next {@code size} bytes as an unsigned little-endian integer (MCAP's only byte order). */
  private long littleEndian(int size, String what) {
    need(size, what);
    long value = 0;
    for (int i = size - 1; i >= 0; i--) {
      value = value << 8 | (bytes[position + i] & 0xFF);
    }
    position += size;
    return value;
  }

  String string() {
    int length = length(u32(), "string");
    try {
      String value = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, position, length)).toString();
      position += length;
      return value;
    } catch (CharacterCodingException e) {
      throw error("a string field is not valid UTF-8");
    }
  }

  /** Bytes prefixed by a u32 length. */
  byte[] bytes32() {
    return take(length(u32(), "bytes"));
  }

  /** Bytes prefixed by a u64 length. */
  byte[] bytes64() {
    return take(length(u64(), "bytes"));
  }

  /** Every byte left in the body (a message's data). */
  byte[] rest() {
    return take(remaining());
  }

  Map<String, String> stringMap() {
    return map(this::string, this::string);
  }

  Map<Integer, Long> u16u64Map() {
    return map(this::u16, this::u64);
  }

  /** A u32 byte length, then key-value entries read by {@code key} and {@code value} until that length is used. */
  private <K, V> Map<K, V> map(Supplier<K> key, Supplier<V> value) {
    int mapLength = length(u32(), "map");
    int mapEnd = position + mapLength;
    Map<K, V> map = new LinkedHashMap<>();
    while (position < mapEnd) {
      K k = key.get(); // the key is read first: its bytes come first
      map.put(k, value.get());
    }
    checkEnd(mapEnd, "map");
    return map;
  }

  McapFormatException error(String what) {
    return new McapFormatException(Kind.BAD_RECORD, recordOffset, Opcode.name(opcode) + ": " + what);
  }

  private byte[] take(int length) {
    byte[] value = Arrays.copyOfRange(bytes, position, position + length);
    position += length;
    return value;
  }

  private int length(long declared, String field) {
    if (declared < 0 || declared > remaining()) {
      throw error("a " + field + " field declares " + Long.toUnsignedString(declared) + " bytes but only "
          + remaining() + " remain in the record body");
    }
    return (int) declared;
  }

  private void checkEnd(int expected, String field) {
    if (position != expected) {
      throw error("the entries of a " + field + " field overrun its declared length");
    }
  }

  private void need(int count, String field) {
    if (remaining() < count) {
      throw error("the record body ends inside a " + field + " field");
    }
  }
}
