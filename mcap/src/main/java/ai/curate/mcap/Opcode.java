package ai.curate.mcap;

/** The record opcodes of the MCAP specification, and the magic bytes that open and close a file. */
public final class Opcode {
  public static final int HEADER = 0x01;
  public static final int FOOTER = 0x02;
  public static final int SCHEMA = 0x03;
  public static final int CHANNEL = 0x04;
  public static final int MESSAGE = 0x05;
  public static final int CHUNK = 0x06;
  public static final int MESSAGE_INDEX = 0x07;
  public static final int CHUNK_INDEX = 0x08;
  public static final int ATTACHMENT = 0x09;
  public static final int ATTACHMENT_INDEX = 0x0A;
  public static final int STATISTICS = 0x0B;
  public static final int METADATA = 0x0C;
  public static final int METADATA_INDEX = 0x0D;
  public static final int SUMMARY_OFFSET = 0x0E;
  public static final int DATA_END = 0x0F;

  /** {@code \x89MCAP0\r\n}: the first and the last eight bytes of every complete file. */
  static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};
  /** Bytes before a record's body: opcode (u8) and body length (u64). */
  static final int RECORD_PREFIX = 9;
  /** A footer record: prefix plus summary_start, summary_offset_start (u64 each) and summary_crc (u32). */
  static final int FOOTER_RECORD = RECORD_PREFIX + 8 + 8 + 4;

  private Opcode() {}

  /** A readable name for messages, e.g. {@code Chunk (0x06)}. */
  public static String name(int opcode) {
    String name = switch (opcode) {
      case HEADER -> "Header";
      case FOOTER -> "Footer";
      case SCHEMA -> "Schema";
      case CHANNEL -> "Channel";
      case MESSAGE -> "Message";
      case CHUNK -> "Chunk";
      case MESSAGE_INDEX -> "MessageIndex";
      case CHUNK_INDEX -> "ChunkIndex";
      case ATTACHMENT -> "Attachment";
      case ATTACHMENT_INDEX -> "AttachmentIndex";
      case STATISTICS -> "Statistics";
      case METADATA -> "Metadata";
      case METADATA_INDEX -> "MetadataIndex";
      case SUMMARY_OFFSET -> "SummaryOffset";
      case DATA_END -> "DataEnd";
      default -> "unknown record";
    };
    return String.format("%s (0x%02X)", name, opcode);
  }
}
