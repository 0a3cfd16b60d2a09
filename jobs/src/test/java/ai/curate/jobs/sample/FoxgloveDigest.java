package ai.curate.jobs.sample;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads an MCAP file with Foxglove's own reader ({@code mcap/src/test/node/digest.mjs}, npm {@code @mcap/core}),
 * an implementation independent of ours, and returns its JSON digest. Skips the calling test when Node.js or the
 * packages are missing (install: {@code npm ci --prefix mcap/src/test/node}).
 */
final class FoxgloveDigest {
  private FoxgloveDigest() {}

  static JsonNode of(Path mcap) throws IOException, InterruptedException {
    Path scripts = Fixtures.project("mcap/src/test/node");
    assumeTrue(Files.isDirectory(scripts.resolve("node_modules/@mcap/core")),
        "skipped: the npm cross-check packages are not installed (run: npm ci --prefix mcap/src/test/node)");
    Path err = Files.createTempFile("foxglove-digest", ".err");
    try {
      Process p;
      try {
        p = new ProcessBuilder("node", scripts.resolve("digest.mjs").toString(), mcap.toString())
            .directory(scripts.toFile()).redirectError(err.toFile()).start();
      } catch (IOException e) {
        assumeTrue(false, "skipped: node (Node.js) is not on the PATH");
        throw e;
      }
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("node digest.mjs did not finish within 120 s");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError("Foxglove's reader rejected " + mcap + ": " + Files.readString(err));
      }
      return new ObjectMapper().readTree(new String(out, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(err);
    }
  }
}
