package ai.curate.retargeting.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads the lines of an uploaded JSON-lines file ({@code pose.jsonl}, {@code events.jsonl}) with a cap on each line's
 * length. Uploaders are not trusted: {@link java.io.BufferedReader#readLine()} would build a String of any length, so
 * one 300 MB line ends the JVM. Here a line is kept only while it stays within {@code maxLineBytes}; past that its text
 * is dropped at once and the rest of the line is only counted, so memory stays below the cap whatever the input.
 *
 * <p>Lines end at {@code \n}, {@code \r\n} or {@code \r} (as {@code readLine}); the terminator is not part of the
 * line. Lengths are UTF-8 bytes (the files' encoding), counted from the decoded characters, so the cap means the same
 * for any reader underneath. Blank lines are returned too (callers skip them but count them in line numbers).
 */
public final class BoundedLineReader implements Closeable {
  /**
   * One line.
   *
   * @param number 1-based line number
   * @param text the line, or null when it is longer than the cap (never read into memory)
   * @param bytes the line's length in UTF-8 bytes, without the terminator (counted to the end even when too long)
   */
  public record Line(int number, String text, long bytes) {
    public boolean tooLong() {
      return text == null;
    }
  }

  private final Reader in;
  private final long maxLineBytes;
  private final char[] buffer = new char[8192];
  private int position;
  private int limit;
  private int number;
  private boolean afterCarriageReturn;

  /** @param maxLineBytes longest line kept, in UTF-8 bytes (at least 1) */
  public BoundedLineReader(Reader in, long maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("the line limit must be at least 1 byte, got " + maxLineBytes);
    }
    this.in = in;
    this.maxLineBytes = maxLineBytes;
  }

  public long maxLineBytes() {
    return maxLineBytes;
  }

  /** The next line, or null at the end of the input. */
  public Line next() throws IOException {
    StringBuilder text = new StringBuilder();
    long bytes = 0;
    boolean started = false;
    while (true) {
      if (position == limit && !fill()) {
        if (!started) {
          return null;
        }
        break;
      }
      char c = buffer[position++];
      if (afterCarriageReturn) {
        afterCarriageReturn = false;
        if (c == '\n') {
          continue;
        }
      }
      started = true;
      if (c == '\n') {
        break;
      }
      if (c == '\r') {
        afterCarriageReturn = true;
        break;
      }
      bytes += utf8Bytes(c);
      if (text != null) {
        if (bytes > maxLineBytes) {
          text = null;
        } else {
          text.append(c);
        }
      }
    }
    number++;
    return new Line(number, text == null ? null : text.toString(), bytes);
  }

  private boolean fill() throws IOException {
    int n;
    do {
      n = in.read(buffer, 0, buffer.length);
    } while (n == 0);
    if (n < 0) {
      position = 0;
      limit = 0;
      return false;
    }
    position = 0;
    limit = n;
    return true;
  }

  /** UTF-8 length of one UTF-16 unit: a surrogate pair is 4 bytes, 2 for each half. */
  static int utf8Bytes(char c) {
    if (c < 0x80) {
      return 1;
    }
    if (c < 0x800 || Character.isSurrogate(c)) {
      return 2;
    }
    return 3;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
