package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads records and byte ranges at given offsets of a file (positional reads: the summary, chunks by index). */
final class FileRecords implements Closeable {
  private final Path path;
  private final FileChannel channel;
  private final long size;
  private final McapReadOptions options;

  FileRecords(Path path, McapReadOptions options) throws IOException {
    this.path = path;
    this.channel = FileChannel.open(path, StandardOpenOption.READ);
    this.size = channel.size();
    this.options = options;
  }

  Path path() {
    return path;
  }

  long size() {
    return size;
  }

  /** The record starting at {@code offset}. */
  RawRecord recordAt(long offset) {
    if (offset < 0 || offset + Opcode.RECORD_PREFIX > size) {
      throw new McapFormatException(Kind.TRUNCATED, offset, "a record prefix would run past the end of the file ("
          + size + " bytes)");
    }
    ByteBuffer prefix = read(offset, Opcode.RECORD_PREFIX).order(ByteOrder.LITTLE_ENDIAN);
    int opcode = prefix.get() & 0xFF;
    int length = RecordLimits.bodyLength(opcode, offset, prefix.getLong(), size, options);
    // Read straight into the body: a chunk is megabytes, read once per pass over the file.
    byte[] body = new byte[length];
    readInto(ByteBuffer.wrap(body), offset + Opcode.RECORD_PREFIX);
    return new RawRecord(opcode, offset, body);
  }

  /** Exactly {@code length} bytes at {@code offset}, flipped for reading. */
  ByteBuffer read(long offset, int length) {
    return readInto(ByteBuffer.allocate(length), offset);
  }

  /** Fills {@code buffer} from the file's bytes at {@code offset}; returns it flipped. */
  private ByteBuffer readInto(ByteBuffer buffer, long offset) {
    int length = buffer.remaining();
    try {
      while (buffer.hasRemaining()) {
        if (channel.read(buffer, offset + buffer.position()) < 0) {
          throw new McapFormatException(Kind.TRUNCATED, offset + buffer.position(), "the file ends at byte "
              + (offset + buffer.position()) + " inside a range of " + length + " bytes starting at " + offset);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + path + " at byte " + offset, e);
    }
    return buffer.flip();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
