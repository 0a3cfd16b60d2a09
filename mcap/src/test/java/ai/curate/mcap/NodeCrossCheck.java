package ai.curate.mcap;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.curate.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a script of {@code mcap/src/test/node/} under Node.js, where Foxglove's own TypeScript implementations of MCAP
 * and ROS 2 CDR (npm {@code @mcap/core}, {@code @foxglove/rosmsg2-serialization}) write and read the files the Java
 * code is checked against: an implementation independent of ours. {@code .ci/run} installs them ({@code npm ci});
 * without Node.js or the packages, the calling test is skipped with one line saying how to install them.
 */
public final class NodeCrossCheck {
  private NodeCrossCheck() {}

  /** The folder holding the scripts, {@code package.json} and (once installed) {@code node_modules}. */
  public static Path scripts() {
    return Fixtures.project("mcap/src/test/node");
  }

  /** Skips the calling test unless node and the packages are installed. */
  public static void assumeAvailable() {
    assumeTrue(Files.isDirectory(scripts().resolve("node_modules/@mcap/core")),
        "skipped: the npm cross-check packages are not installed (run: npm ci --prefix mcap/src/test/node)");
    assumeTrue(nodeOnPath(), "skipped: node (Node.js) is not on the PATH");
  }

  /**
   * Runs {@code node <script> args...} in the scripts folder and returns its standard output; fails the test with
   * the script's standard error when it exits non-zero.
   */
  public static String run(String script, String... args) throws IOException, InterruptedException {
    assumeAvailable();
    List<String> command = new ArrayList<>(List.of("node", scripts().resolve(script).toString()));
    command.addAll(List.of(args));
    Path err = Files.createTempFile("node-crosscheck", ".err");
    try {
      Process process = new ProcessBuilder(command).directory(scripts().toFile())
          .redirectError(err.toFile()).start();
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("node " + script + " did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError("node " + script + " exited " + process.exitValue() + ": "
            + Files.readString(err, StandardCharsets.UTF_8));
      }
      return new String(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(err);
    }
  }

  private static boolean nodeOnPath() {
    try {
      Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
