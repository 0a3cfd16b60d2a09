package ai.curate.mcap;

import ai.curate.mcap.records.Attachment;
import ai.curate.mcap.records.AttachmentIndex;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.Chunk;
import ai.curate.mcap.records.ChunkIndex;
import ai.curate.mcap.records.DataEnd;
import ai.curate.mcap.records.Footer;
import ai.curate.mcap.records.Header;
import ai.curate.mcap.records.Message;
import ai.curate.mcap.records.Metadata;
import ai.curate.mcap.records.MetadataIndex;
import ai.curate.mcap.records.Schema;
import ai.curate.mcap.records.Statistics;
import ai.curate.mcap.records.SummaryOffset;

/**
 * Turns a record body into its record value. Only the fields the specification defines are read: bytes a later
 * writer appended to a body are ignored, and an unknown opcode (or one the readers do not need, such as MessageIndex)
 * parses to {@code null}, so newer files stay readable.
 */
final class RecordParser {
  private RecordParser() {}

  /** The record in {@code body[start, end)}, or null for an opcode the readers skip. */
  static Object parse(int opcode, byte[] body, int start, int end, long recordOffset) {
    BodyReader in = new BodyReader(body, start, end, opcode, recordOffset);
    return switch (opcode) {
      case Opcode.HEADER -> new Header(in.string(), in.string());
      case Opcode.FOOTER -> new Footer(in.u64(), in.u64(), in.u32());
      case Opcode.SCHEMA -> new Schema(in.u16(), in.string(), in.string(), in.bytes32());
      case Opcode.CHANNEL -> new Channel(in.u16(), in.u16(), in.string(), in.string(), in.stringMap());
      case Opcode.MESSAGE -> new Message(in.u16(), in.u32(), in.u64(), in.u64(), in.rest());
      case Opcode.CHUNK -> new Chunk(in.u64(), in.u64(), in.u64(), in.u32(), in.string(), in.bytes64());
      case Opcode.CHUNK_INDEX -> new ChunkIndex(in.u64(), in.u64(), in.u64(), in.u64(), in.u16u64Map(), in.u64(),
          in.string(), in.u64(), in.u64());
      case Opcode.ATTACHMENT -> attachment(in, body, start, recordOffset);
      case Opcode.ATTACHMENT_INDEX -> new AttachmentIndex(in.u64(), in.u64(), in.u64(), in.u64(), in.u64(),
          in.string(), in.string());
      case Opcode.STATISTICS -> new Statistics(in.u64(), in.u16(), in.u32(), in.u32(), in.u32(), in.u32(), in.u64(),
          in.u64(), in.u16u64Map());
      case Opcode.METADATA -> new Metadata(in.string(), in.stringMap());
      case Opcode.METADATA_INDEX -> new MetadataIndex(in.u64(), in.u64(), in.string());
      case Opcode.SUMMARY_OFFSET -> new SummaryOffset(in.u8(), in.u64(), in.u64());
      case Opcode.DATA_END -> new DataEnd(in.u32());
      default -> null;
    };
  }

  /** An attachment, its CRC-32 (over every field before it) checked unless zero. */
  private static Attachment attachment(BodyReader in, byte[] body, int start, long recordOffset) {
    Attachment attachment = new Attachment(in.u64(), in.u64(), in.string(), in.string(), in.bytes64());
    int crcStart = in.position();
    long stored = in.u32();
    Crc.check(stored, body, start, crcStart - start, recordOffset,
        "Attachment '" + attachment.name() + "': stored CRC");
    return attachment;
  }
}
