package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Reads a file's records one after another from the start (the linear scan), keeping the CRC-32 of every byte read,
 * which at the DataEnd record is the data section's CRC.
 */
final class StreamRecords implements Closeable {
  private final Path path;
  private final InputStream in;
  private final long size;
  private final McapReadOptions options;
  private final CRC32 crc = new CRC32();
  private long position;

  StreamRecords(Path path, McapReadOptions options) throws IOException {
    this.path = path;
    this.size = Files.size(path);
    this.in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    this.options = options;
  }

  /** The offset of the next unread byte. */
  long position() {
    return position;
  }

  long size() {
    return size;
  }

  /** The CRC-32 of every byte read so far. */
  long crc() {
    return crc.getValue();
  }

  /** Reads and checks the eight magic bytes; {@code where} says which (opening or closing) for the message. */
  void expectMagic(String where) {
    long at = position;
    byte[] magic = readFully(Opcode.MAGIC.length, at, "the " + where + " magic");
    if (!java.util.Arrays.equals(magic, Opcode.MAGIC)) {
      throw new McapFormatException(Kind.BAD_MAGIC, at, "the " + where + " magic bytes are not \\x89MCAP0\\r\\n");
    }
  }

  /** The next record, or null when the file ends exactly here. */
  RawRecord next() {
    long offset = position;
    if (offset == size) {
      return null;
    }
    byte[] prefix = readFully(Opcode.RECORD_PREFIX, offset, "a record prefix");
    int opcode = prefix[0] & 0xFF;
    long declared = 0;
    for (int i = 8; i >= 1; i--) {
      declared = declared << 8 | (prefix[i] & 0xFF);
    }
    int length = RecordLimits.bodyLength(opcode, offset, declared, size, options);
    return new RawRecord(opcode, offset, readFully(length, offset, Opcode.name(opcode)));
  }

  private byte[] readFully(int length, long recordOffset, String what) {
    if (position + length > size) {
      throw new McapFormatException(Kind.TRUNCATED, recordOffset, what + " at byte " + recordOffset
          + " is cut off: the file ends at byte " + size);
    }
    try {
      byte[] bytes = in.readNBytes(length);
      if (bytes.length != length) {
        throw new McapFormatException(Kind.TRUNCATED, recordOffset, what + " is cut off at byte "
            + (position + bytes.length));
      }
      crc.update(bytes);
      position += length;
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path + " at byte " + position, e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
