package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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
    need(2, "u16");
    int value = (bytes[position] & 0xFF) | (bytes[position + 1] & 0xFF) << 8;
    position += 2;
    return value;
  }

  long u32() {
    need(4, "u32");
    long value = 0;
    for (int i = 3; i >= 0; i--) {
      value = value << 8 | (bytes[position + i] & 0xFF);
    }
    position += 4;
    return value;
  }

  /** An unsigned 64-bit value in a long's bits (times and offsets beyond 2^63 do not occur in practice). */
  long u64() {
    need(8, "u64");
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = value << 8 | (bytes[position + i] & 0xFF);
    }
    position += 8;
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
    int mapLength = length(u32(), "map");
    int mapEnd = position + mapLength;
    Map<String, String> map = new LinkedHashMap<>();
    while (position < mapEnd) {
      String key = string();
      map.put(key, string());
    }
    checkEnd(mapEnd, "map");
    return map;
  }

  Map<Integer, Long> u16u64Map() {
    int mapLength = length(u32(), "map");
    int mapEnd = position + mapLength;
    Map<Integer, Long> map = new LinkedHashMap<>();
    while (position < mapEnd) {
      int key = u16();
      map.put(key, u64());
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
