package ai.curate.jobs.human;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A raw file (a video, an HDF5 file) on this machine's disk, which is what FFmpeg and jHDF need to seek cheaply. A
 * {@code file:} path is used where it is; anything else (s3a, abfs, hdfs) is streamed to a fresh folder under the
 * executor-local scratch directory ({@code paths.scratch}) and deleted on {@link #close()}. The copy streams through a
 * small buffer: a file is never held on the heap.
 */
final class LocalCopy implements AutoCloseable {
  private final java.nio.file.Path path;
  private final java.nio.file.Path copyDir;

  private LocalCopy(java.nio.file.Path path, java.nio.file.Path copyDir) {
    this.path = path;
    this.copyDir = copyDir;
  }

  static LocalCopy of(FileSystem fs, Path video, String scratch) throws IOException {
    Path qualified = fs.makeQualified(video);
    if ("file".equalsIgnoreCase(qualified.toUri().getScheme())) {
      return new LocalCopy(Paths.get(qualified.toUri()), null);
    }
    java.nio.file.Path root = Paths.get(scratch, "ingest-human");
    Files.createDirectories(root);
    java.nio.file.Path dir = Files.createTempDirectory(root, "clip-");
    java.nio.file.Path target = dir.resolve(video.getName());
    try (InputStream in = fs.open(qualified)) {
      Files.copy(in, target);
    } catch (IOException | RuntimeException e) {
      delete(dir);
      throw e;
    }
    return new LocalCopy(target, dir);
  }

  java.nio.file.Path path() {
    return path;
  }

  boolean isCopy() {
    return copyDir != null;
  }

  @Override
  public void close() {
    if (copyDir != null) {
      delete(copyDir);
    }
  }

  /** Deletes a scratch folder, quietly: scratch space is reclaimed with the executor anyway. */
  static void delete(java.nio.file.Path dir) {
    try (Stream<java.nio.file.Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // Scratch space is reclaimed with the executor; a leftover copy must not fail an otherwise good clip.
    }
  }
}
