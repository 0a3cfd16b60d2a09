package ai.curate.retargeting.pose;

import ai.curate.retargeting.io.BoundedLineReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
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
 * {@link PoseLineParser}; blank lines are skipped but counted in line numbers. A line longer than the line limit
 * ({@link #DEFAULT_MAX_LINE_BYTES} unless given) is never read into memory (see {@link BoundedLineReader}); it is a bad
 * line like any other. Two modes:
 * <ul>
 *   <li>strict (an instance, an iterator of frames in file order): the first bad line is an
 *       {@link IllegalArgumentException} naming the file and line, and {@code pts_us} may be left out: what the
 *       retarget tool wants;</li>
 *   <li>lenient ({@link #lenient}): a bad line becomes a {@link PoseLineError} and the rest of the track is still
 *       used, one frame per frame index, and every line needs {@code pts_us}: what ingest-human wants.</li>
 * </ul>
 */
public final class PoseJsonlReader implements Iterator<PoseFrame>, Closeable {
  /**
   * Longest line read by default, in UTF-8 bytes: 1 MiB. A line of two hands with confidences and a body is a few
   * kilobytes; ingest-human's limit is the setting {@code human_ingest.max_pose_line_bytes}, which defaults to this.
   */
  public static final long DEFAULT_MAX_LINE_BYTES = 1L << 20;
  /**
   * Largest file {@link #open} reads by default: 1 GiB (about 300 000 frames of two hands, almost three hours at 30
   * fps). ingest-human's limit is the setting {@code human_ingest.max_pose_file_bytes}, which defaults to this.
   */
  public static final long DEFAULT_MAX_FILE_BYTES = 1L << 30;

  private final String source;
  private final BoundedLineReader lines;
  private PoseFrame next;

  /** Strict mode over {@code reader} with the default line limit; {@code source} names the file in errors. */
  public PoseJsonlReader(Reader reader, String source) {
    this(reader, source, DEFAULT_MAX_LINE_BYTES);
  }

  /** Strict mode over {@code reader}; a line longer than {@code maxLineBytes} is an error. */
  public PoseJsonlReader(Reader reader, String source, long maxLineBytes) {
    this.lines = new BoundedLineReader(reader, maxLineBytes);
    this.source = source;
  }

  /** Strict mode over {@code file}, with the default file and line limits. */
  public static PoseJsonlReader open(Path file) {
    return open(file, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_LINE_BYTES);
  }

  /** Strict mode over {@code file}; a file larger than {@code maxFileBytes} is refused before it is read. */
  public static PoseJsonlReader open(Path file, long maxFileBytes, long maxLineBytes) {
    try {
      long size = Files.size(file);
      if (size > maxFileBytes) {
        throw new IllegalArgumentException(file + " is " + size + " bytes, more than the limit of " + maxFileBytes
            + " bytes for a pose file: split the clip");
      }
      return new PoseJsonlReader(Files.newBufferedReader(file, StandardCharsets.UTF_8), file.toString(),
          maxLineBytes);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("pose file not found: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read pose file " + file, e);
    }
  }

  /** {@link #lenient(Reader, long)} with the default line limit. */
  public static PoseTrack lenient(Reader reader) throws IOException {
    return lenient(reader, DEFAULT_MAX_LINE_BYTES);
  }

  /**
   * Lenient mode: the whole track, bad lines listed and skipped (a line longer than {@code maxLineBytes} too, unread).
   * Of several valid lines with the same frame index the last in the file wins.
   */
  public static PoseTrack lenient(Reader reader, long maxLineBytes) throws IOException {
    TreeMap<Integer, PoseLine> byIndex = new TreeMap<>();
    List<PoseLineError> errors = new ArrayList<>();
    BoundedLineReader lines = new BoundedLineReader(reader, maxLineBytes);
    int count = 0;
    int duplicates = 0;
    BoundedLineReader.Line line;
    while ((line = nextNonBlank(lines)) != null) {
      count++;
      if (line.tooLong()) {
        errors.add(new PoseLineError(line.number(), tooLong(line, maxLineBytes), true));
        continue;
      }
      try {
        PoseLine pose = PoseLineParser.parse(line.number(), line.text(), false);
        if (byIndex.put(pose.frameIndex(), pose) != null) {
          duplicates++;
        }
      } catch (PoseLineParser.InvalidLine e) {
        errors.add(new PoseLineError(line.number(), e.getMessage()));
      }
    }
    return new PoseTrack(List.copyOf(byIndex.values()), count, List.copyOf(errors), duplicates);
  }

  @Override
  public boolean hasNext() {
    if (next != null) {
      return true;
    }
    BoundedLineReader.Line line;
    try {
      line = nextNonBlank(lines);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    if (line == null) {
      return false;
    }
    if (line.tooLong()) {
      throw new IllegalArgumentException(source + " line " + line.number() + ": "
          + tooLong(line, lines.maxLineBytes()));
    }
    try {
      next = PoseLineParser.parse(line.number(), line.text(), true).toFrame();
    } catch (PoseLineParser.InvalidLine e) {
      throw new IllegalArgumentException(source + " line " + line.number() + ": " + e.getMessage());
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
      lines.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String tooLong(BoundedLineReader.Line line, long maxLineBytes) {
    return "the line is " + line.bytes() + " bytes, longer than the limit of " + maxLineBytes
        + " bytes: it was not read (a pose line is a few kilobytes)";
  }

  /** The next line that is not blank (an over-long line counts as not blank), or null at the end. */
  private static BoundedLineReader.Line nextNonBlank(BoundedLineReader lines) throws IOException {
    BoundedLineReader.Line line;
    while ((line = lines.next()) != null) {
      if (line.tooLong() || !line.text().isBlank()) {
        return line;
      }
    }
    return null;
  }
}
