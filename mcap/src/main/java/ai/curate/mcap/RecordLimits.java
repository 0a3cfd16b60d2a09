package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;

/** The checks every record read makes on a declared length before allocating anything for it. */
final class RecordLimits {
  private RecordLimits() {}

  /** The body length as an int, after refusing lengths beyond the cap or beyond the end of the file. */
  static int bodyLength(int opcode, long offset, long declared, long fileSize, McapReadOptions options) {
    if (declared < 0 || declared > options.maxRecordBytes()) {
      throw new McapFormatException(Kind.RECORD_TOO_LARGE, offset, Opcode.name(opcode) + " declares a body of "
          + Long.toUnsignedString(declared) + " bytes, beyond the reader's cap of " + options.maxRecordBytes());
    }
    long available = fileSize - offset - Opcode.RECORD_PREFIX;
    if (declared > available) {
      throw new McapFormatException(Kind.TRUNCATED, offset, Opcode.name(opcode) + " declares a body of " + declared
          + " bytes but the file ends after " + Math.max(available, 0));
    }
    return (int) declared;
  }
}
