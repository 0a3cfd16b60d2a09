package ai.curate.jobs.clips;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a POSIX ustar archive (POSIX.1-1988, what GNU tar, Python's tarfile and WebDataset read): a 512-byte header
 * per member, its data padded to 512 bytes, two zero blocks at the end, the whole padded to 10240-byte records as tar
 * does. Every header is fixed (mode 0644, owner 0, time 0), so the same members give the same bytes. Records where
 * each member's data starts, so a reader can fetch one member with a ranged read.
 */
final class TarWriter implements AutoCloseable {
  static final int BLOCK = 512;
  static final int RECORD = 20 * BLOCK;
  private static final int NAME_LENGTH = 100;

  private final OutputStream out;
  private long position;
  private boolean closed;

  TarWriter(Path file) throws IOException {
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
  }

  /** Bytes written so far. */
  long position() {
    return position;
  }

  /** Adds a member named {@code name} holding {@code data}; returns the offset of its data in the archive. */
  long add(String name, byte[] data) throws IOException {
    long at = header(name, data.length);
    write(data, data.length);
    pad();
    return at;
  }

  /** Adds a member named {@code name} holding the file {@code source}; returns the offset of its data. */
  long add(String name, Path source) throws IOException {
    long size = Files.size(source);
    long at = header(name, size);
    byte[] buffer = new byte[1 << 16];
    long copied = 0;
    try (InputStream in = Files.newInputStream(source)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        write(buffer, n);
        copied += n;
      }
    }
    if (copied != size) {
      throw new IOException(source + " changed while it was added to the archive");
    }
    pad();
    return at;
  }

  private long header(String name, long size) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    if (nameBytes.length > NAME_LENGTH || nameBytes.length == 0) {
      throw new IllegalArgumentException("member name must be 1 to 100 bytes: " + name);
    }
    byte[] h = new byte[BLOCK];
    System.arraycopy(nameBytes, 0, h, 0, nameBytes.length);
    octal(h, 100, 8, 0644);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = '0';
    byte[] magic = "ustar\u000000".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, h, 257, magic.length);
    // The checksum is the sum of the header's bytes with its own field read as spaces.
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    write(h, BLOCK);
    return position;
  }

  /** {@code value} as zero-padded octal digits filling {@code length - 1} bytes, then NUL. */
  private static void octal(byte[] h, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > length - 1) {
      throw new IllegalArgumentException("value " + value + " does not fit a tar header field of " + length);
    }
    String padded = "0".repeat(length - 1 - digits.length()) + digits;
    System.arraycopy(padded.getBytes(StandardCharsets.US_ASCII), 0, h, offset, length - 1);
    h[offset + length - 1] = 0;
  }

  private void write(byte[] bytes, int length) throws IOException {
    out.write(bytes, 0, length);
    position += length;
  }

  private void pad() throws IOException {
    int rest = (int) (position % BLOCK);
    if (rest != 0) {
      write(new byte[BLOCK - rest], BLOCK - rest);
    }
  }

  /** Ends the archive (two zero blocks, padded to a whole record) and closes the file. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      write(new byte[2 * BLOCK], 2 * BLOCK);
      int rest = (int) (position % RECORD);
      if (rest != 0) {
        write(new byte[RECORD - rest], RECORD - rest);
      }
    } finally {
      out.close();
    }
  }
}
