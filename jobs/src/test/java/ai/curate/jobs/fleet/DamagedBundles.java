package ai.curate.jobs.fleet;

import ai.curate.jobs.sample.SampleFixture;
import ai.curate.jobs.sample.SampleReport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;

/**
 * Damaged copies of the generator's sample bundles for tests: each test copies a good bundle into its own landing
 * zone, damages the copy, and plans or ingests it.
 */
final class DamagedBundles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DamagedBundles() {}

  /** The clean session of the shared faulty sample. */
  static SampleReport.SessionSummary clean() {
    return SampleFixture.faulty().sessions().stream().filter(SampleReport.SessionSummary::clean).findFirst()
        .orElseThrow();
  }

  static Path sourceDir(SampleReport.SessionSummary s) {
    return SampleFixture.faulty().out().resolve(s.path());
  }

  /** {@code <raw>/fleet/date=D/<robot>/<session>/}, a byte copy of {@code s}'s bundle. */
  static Path copy(SampleReport.SessionSummary s, Path raw, String robot, String session) {
    Path from = sourceDir(s);
    Path to = raw.resolve("fleet/date=" + SampleFixture.DATE + "/" + robot + "/" + session);
    try (Stream<Path> walk = Files.walk(from)) {
      Files.createDirectories(to.getParent());
      for (Path p : walk.sorted().toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return to;
  }

  /** A copy of the clean bundle under its own robot and session folder names. */
  static Path copyClean(Path raw) {
    SampleReport.SessionSummary s = clean();
    return copy(s, raw, s.robotId(), s.sessionId());
  }

  static void editManifest(Path bundle, Consumer<ObjectNode> edit) {
    try {
      ObjectNode m = (ObjectNode) JSON.readTree(bundle.resolve("manifest.json").toFile());
      edit.accept(m);
      Files.writeString(bundle.resolve("manifest.json"), JSON.writeValueAsString(m));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The manifest entry of {@code section} ("streams" or "cameras") named {@code name}. */
  static ObjectNode entry(ObjectNode manifest, String section, String name) {
    for (var n : manifest.get(section)) {
      if (n.get("name").asText().equals(name)) {
        return (ObjectNode) n;
      }
    }
    throw new AssertionError("no " + section + " entry " + name);
  }

  static void appendEvents(Path bundle, String... lines) {
    try {
      Files.writeString(bundle.resolve("events.jsonl"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Replaces {@code relative} in the bundle by a symbolic link to {@code target}. */
  static void link(Path bundle, String relative, Path target) {
    Path link = bundle.resolve(relative);
    try {
      if (Files.isDirectory(link)) {
        SampleFixture.deleteTree(link);
      } else {
        Files.deleteIfExists(link);
      }
      Files.createSymbolicLink(link, target);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plans the bundle at {@code dir} the way an ingest task does (folder names give robot and session). */
  static BundlePlan plan(Path dir, BundlePlanner planner) {
    BundleLocation b = new BundleLocation(dir.getParent().getFileName().toString(), dir.getFileName().toString(),
        dir.toUri().toString());
    return planner.plan(b, new Configuration());
  }

  static BundlePlan plan(Path dir, Path scratch) {
    return plan(dir, new BundlePlanner(FleetIngestSettings.defaults(), scratch.toString()));
  }

  static List<String> kinds(BundlePlan p) {
    return p.errors().stream().map(ai.curate.jobs.ledger.IngestError::errorKind).toList();
  }
}
