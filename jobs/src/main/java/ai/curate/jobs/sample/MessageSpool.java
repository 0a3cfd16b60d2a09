package ai.curate.jobs.sample;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One channel's encoded messages parked in a temporary file. The generator produces a session stream by stream, but
 * a recorder writes messages in log-time order across channels; spooling each channel and merging the spools
 * ({@link McapSessionWriter}) gives that order without holding an hours-long session in memory.
 */
final class MessageSpool implements Closeable {
  final int channelId;
  private final Path file;
  private DataOutputStream out;
  private DataInputStream in;
  private long count;
  /** The message read last by {@link #next()}: its log time and bytes. */
  long logTime;
  byte[] data;

  MessageSpool(int channelId, Path file) {
    this.channelId = channelId;
    this.file = file;
    try {
      this.out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + file, e);
    }
  }

  void add(long logTimeNs, byte[] message) {
    try {
      out.writeLong(logTimeNs);
      out.writeInt(message.length);
      out.write(message);
      count++;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  long count() {
    return count;
  }

  /** Reads the next message into {@link #logTime} and {@link #data}; false at the end. */
  boolean next() {
    try {
      if (in == null) {
        out.close();
        in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16));
      }
      try {
        logTime = in.readLong();
      } catch (EOFException end) {
        return false;
      }
      data = new byte[in.readInt()];
      in.readFully(data);
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
      if (in != null) {
        in.close();
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
  }
}
