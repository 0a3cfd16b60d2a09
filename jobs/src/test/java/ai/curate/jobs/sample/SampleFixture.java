package ai.curate.jobs.sample;

import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Small generated samples shared by the tests of one JVM (generating costs seconds): 12-second sessions, 3-second
 * clips. {@link #faulty()} has one clean session and clip plus every planted fault.
 */
public final class SampleFixture {
  public static final LocalDate DATE = LocalDate.parse("2026-01-15");
  public static final double SESSION_MINUTES = 0.2;
  public static final double CLIP_SECONDS = 3.0;
  public static final long FAULTY_SEED = 11;

  private static SampleReport faulty;

  private SampleFixture() {}

  public static synchronized SampleReport faulty() {
    if (faulty == null) {
      faulty = generate(tempDir("curate-sample-faulty"), FAULTY_SEED, 1, 1, true);
    }
    return faulty;
  }

  public static SampleReport generate(Path out, long seed, int sessions, int clips, boolean faults) {
    return new SampleGenerator().generate(new SampleOptions(out, DATE, sessions, clips, seed, SESSION_MINUTES,
        CLIP_SECONDS, faults, neoUrdf(), 2));
  }

  public static Path projectDir() {
    return Fixtures.projectDir();
  }

  public static Path neoUrdf() {
    return Fixtures.neoUrdf();
  }

  public static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A temporary folder removed when the JVM exits. */
  public static Path tempDir(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
