package ai.curate.jobs.sample;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/** File-level damage after a file is written: what crashes, bad disks and broken uploads do. */
final class FileDamage {
  private FileDamage() {}

  /** Keeps the first {@code fraction} of the bytes. */
  static void truncate(Path file, double fraction) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long keep = Math.max(16, (long) (f.length() * fraction));
      f.setLength(Math.min(keep, f.length() - 1));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot truncate " + file, e);
    }
  }

  /** Overwrites [offset, offset + length) with random bytes, making sure the first byte changes. */
  static void overwrite(Path file, long offset, int length, SplittableRandom rng) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      long start = Math.max(0, Math.min(offset, f.length() - 1));
      int n = (int) Math.min(length, f.length() - start);
      byte[] garbage = new byte[n];
      rng.nextBytes(garbage);
      f.seek(start);
      int first = f.read();
      if (n > 0 && (garbage[0] & 0xFF) == first) {
        garbage[0] = (byte) (first ^ 0x5A);
      }
      f.seek(start);
      f.write(garbage);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot corrupt " + file, e);
    }
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + file, e);
    }
  }
}
