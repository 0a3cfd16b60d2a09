package ai.curate.mcap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Builds damaged copies of a file's bytes for the tests: cut off, a byte flipped, bytes replaced. */
final class Damage {
  private Damage() {}

  static Path truncated(Path file, long length, Path out) throws IOException {
    return Files.write(out, Arrays.copyOf(Files.readAllBytes(file), (int) length));
  }

  static Path flipped(Path file, long offset, Path out) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[(int) offset] ^= 0x5A;
    return Files.write(out, bytes);
  }

  static Path patched(Path file, long offset, byte[] replacement, Path out) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    System.arraycopy(replacement, 0, bytes, (int) offset, replacement.length);
    return Files.write(out, bytes);
  }

  /** The offset of the first occurrence of {@code text} in the file (fails when absent). */
  static long find(Path file, String text) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    outer : for (int i = 0; i + needle.length <= bytes.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (bytes[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("'" + text + "' not in " + file);
  }

  /** Little-endian u64 bytes. */
  static byte[] u64(long value) {
    byte[] out = new byte[8];
    for (int i = 0; i < 8; i++) {
      out[i] = (byte) (value >>> (8 * i));
    }
    return out;
  }
}
