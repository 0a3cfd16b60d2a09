package ai.curate.jobs.fleet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * File access through Hadoop's FileSystem, so {@code file:}, {@code s3a:} and {@code abfs:} bundles read the same way.
 * Local files use a {@link FileChannel} directly (positional reads without Hadoop's checksum layer).
 */
final class BundleFiles {
  private BundleFiles() {}

  static boolean isLocal(FileSystem fs, Path p) {
    return "file".equalsIgnoreCase(fs.makeQualified(p).toUri().getScheme());
  }

  /** A random-access channel over the file, as Arrow's file reader needs. */
  static SeekableByteChannel open(FileSystem fs, Path p, long size) throws IOException {
    if (isLocal(fs, p)) {
      return FileChannel.open(Paths.get(fs.makeQualified(p).toUri()), StandardOpenOption.READ);
    }
    return new HadoopChannel(fs.open(p), size);
  }

  /**
   * The whole file, or null when it holds more than {@code maxBytes} (manifests and event logs are small). At most
   * {@code maxBytes + 1} bytes are read, whatever the listed size says: a file that grew since it was listed is still
   * caught, and a huge one costs no more than the limit.
   */
  static byte[] readAll(FileSystem fs, Path p, long size, long maxBytes) throws IOException {
    if (size > maxBytes) {
      return null;
    }
    try (InputStream in = fs.open(p)) {
      byte[] bytes = in.readNBytes(Math.toIntExact(maxBytes + 1));
      return bytes.length > maxBytes ? null : bytes;
    }
  }

  /** Reads {@code length} bytes at {@code position}. */
  static byte[] readAt(SeekableByteChannel ch, long position, int length) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(length);
    ch.position(position);
    while (buf.hasRemaining()) {
      if (ch.read(buf) < 0) {
        throw new IOException("unexpected end of file at byte " + (position + buf.position()));
      }
    }
    return buf.array();
  }

  /** A read-only {@link SeekableByteChannel} over a Hadoop input stream. */
  static final class HadoopChannel implements SeekableByteChannel {
    private final FSDataInputStream in;
    private final long size;
    private boolean open = true;

    HadoopChannel(FSDataInputStream in, long size) {
      this.in = in;
      this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      ensureOpen();
      if (in.getPos() >= size) {
        return -1;
      }
      if (dst.hasArray()) {
        int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
          dst.position(dst.position() + n);
        }
        return n;
      }
      byte[] tmp = new byte[Math.min(dst.remaining(), 1 << 20)];
      int n = in.read(tmp, 0, tmp.length);
      if (n > 0) {
        dst.put(tmp, 0, n);
      }
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() throws IOException {
      ensureOpen();
      return in.getPos();
    }

    @Override
    public SeekableByteChannel position(long newPosition) throws IOException {
      ensureOpen();
      in.seek(newPosition);
      return this;
    }

    @Override
    public long size() {
      return size;
    }

    @Override
    public SeekableByteChannel truncate(long s) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() throws IOException {
      if (open) {
        open = false;
        in.close();
      }
    }

    private void ensureOpen() throws IOException {
      if (!open) {
        throw new ClosedChannelException();
      }
    }
  }
}
