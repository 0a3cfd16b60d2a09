package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import ai.curate.mcap.records.Chunk;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The records inside one chunk, decompressed and checked, in their order. Offsets in errors are the chunk's own
 * (a position inside compressed data has no file offset).
 */
final class ChunkRecords {
  private ChunkRecords() {}

  /** The decoded records of the chunk at {@code chunkOffset} (unknown opcodes skipped). */
  static List<Object> of(Chunk chunk, long chunkOffset, McapReadOptions options) {
    return of(chunk, chunkOffset, options, null);
  }

  /**
   * As {@link #of(Chunk, long, McapReadOptions)}, leaving out, unparsed and uncopied, the Message records whose
   * channel {@code channels} does not accept (null: every channel). Every record's framing is still checked.
   */
  static List<Object> of(Chunk chunk, long chunkOffset, McapReadOptions options, IntPredicate channels) {
    byte[] records = ChunkDecompressor.decompress(chunk, chunkOffset, options);
    List<Object> out = new ArrayList<>();
    int position = 0;
    while (position < records.length) {
      if (records.length - position < Opcode.RECORD_PREFIX) {
        throw new McapFormatException(Kind.BAD_RECORD, chunkOffset, "Chunk records end inside a record prefix at "
            + "uncompressed position " + position);
      }
      int opcode = records[position] & 0xFF;
      long length = 0;
      for (int i = 8; i >= 1; i--) {
        length = length << 8 | (records[position + i] & 0xFF);
      }
      int bodyStart = position + Opcode.RECORD_PREFIX;
      if (length < 0 || length > records.length - bodyStart) {
        throw new McapFormatException(Kind.BAD_RECORD, chunkOffset, Opcode.name(opcode) + " at uncompressed position "
            + position + " of the chunk declares " + Long.toUnsignedString(length) + " bytes, past the chunk's end");
      }
      if (channels != null && opcode == Opcode.MESSAGE && length >= 2
          && !channels.test((records[bodyStart] & 0xFF) | (records[bodyStart + 1] & 0xFF) << 8)) {
        position = bodyStart + (int) length;
        continue;
      }
      Object record = RecordParser.parse(opcode, records, bodyStart, bodyStart + (int) length, chunkOffset);
      if (record != null) {
        out.add(record);
      }
      position = bodyStart + (int) length;
    }
    return out;
  }
}
