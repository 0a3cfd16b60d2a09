package ai.curate.retargeting.pose;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * Reads a pose.jsonl file (docs/raw-formats.md) one line at a time (never the whole file at once), each line parsed by
 * {@link PoseLineParser}; blank lines are skipped but counted in line numbers. Two modes:
 * <ul>
 *   <li>strict (an instance, an iterator of frames in file order): the first bad line is an
 *       {@link IllegalArgumentException} naming the file and line, and {@code pts_us} may be left out: what the
 *       retarget tool wants;</li>
 *   <li>lenient ({@link #lenient}): a bad line becomes a {@link PoseLineError} and the rest of the track is still
 *       used, one frame per frame index, and every line needs {@code pts_us}: what ingest-human wants.</li>
 * </ul>
 */
public final class PoseJsonlReader implements Iterator<PoseFrame>, Closeable {
  private final String source;
  private final Lines lines;
  private PoseFrame next;

  /** Strict mode over {@code reader}; {@code source} names the file in errors. */
  public PoseJsonlReader(BufferedReader reader, String source) {
    this.lines = new Lines(reader);
    this.source = source;
  }

  /** Strict mode over {@code file}. */
  public static PoseJsonlReader open(Path file) {
    try {
      return new PoseJsonlReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString());
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("pose file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pose file " + file, e);
    }
  }

  /**
   * Lenient mode: the whole track, bad lines listed and skipped. Of several valid lines with the same frame index
   * the last in the file wins.
   */
  public static PoseTrack lenient(BufferedReader reader) throws IOException {
    TreeMap<Integer, PoseLine> byIndex = new TreeMap<>();
    List<PoseLineError> errors = new ArrayList<>();
    Lines lines = new Lines(reader);
    int count = 0;
    int duplicates = 0;
    String line;
    while ((line = lines.nextNonBlank()) != null) {
      count++;
      try {
        PoseLine pose = PoseLineParser.parse(lines.number, line, false);
        if (byIndex.put(pose.frameIndex(), pose) != null) {
          duplicates++;
        }
      } catch (PoseLineParser.InvalidLine e) {
        errors.add(new PoseLineError(lines.number, e.getMessage()));
      }
    }
    return new PoseTrack(List.copyOf(byIndex.values()), count, List.copyOf(errors), duplicates);
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    String line;
    try {
      line = lines.nextNonBlank();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (line == null) {
      return false;
    }
    try {
      next = PoseLineParser.parse(lines.number, line, true).toFrame();
    } catch (PoseLineParser.InvalidLine e) {
      throw new IllegalArgumentException(source + " line " + lines.number + ": " + e.getMessage());
    }
    return true;
  }

  @Override
  public PoseFrame next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    PoseFrame f = next;
    next = null;
    return f;
  }

  @Override
  public void close() {
    try {
      lines.reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The non-blank lines of a reader with their 1-based line numbers. */
  private static final class Lines {
    private final BufferedReader reader;
    private int number;

    Lines(BufferedReader reader) {
      this.reader = reader;
    }

    String nextNonBlank() throws IOException {
      String line;
      while ((line = reader.readLine()) != null) {
        number++;
        if (!line.isBlank()) {
          return line;
        }
      }
      return null;
    }
  }
}
