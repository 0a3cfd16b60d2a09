package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import java.util.zip.CRC32;

/** The check of a CRC-32 stored in the file against the bytes it covers, as chunks, attachments and the summary do. */
final class Crc {
  private Crc() {}

  /**
   * Throws {@link Kind#CRC_MISMATCH} at {@code fileOffset} unless {@code stored} is 0 (MCAP's "not computed") or
   * equals the CRC-32 of {@code length} bytes of {@code bytes} from {@code start}. The message is {@code what}
   * (e.g. "Chunk records: stored CRC") followed by the stored and computed values in hex.
   */
  static void check(long stored, byte[] bytes, int start, int length, long fileOffset, String what) {
    if (stored == 0) {
      return;
    }
    CRC32 crc = new CRC32();
    crc.update(bytes, start, length);
    if (crc.getValue() != stored) {
      throw new McapFormatException(Kind.CRC_MISMATCH, fileOffset,
          what + " " + Long.toHexString(stored) + ", computed " + Long.toHexString(crc.getValue()));
    }
  }
}
