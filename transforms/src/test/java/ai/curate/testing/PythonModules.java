package ai.curate.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Cross-checks against independent Python implementations (Debian packages that .ci/run installs): a test that needs
 * one skips, saying what to install, when {@code /usr/bin/python3} cannot import it.
 */
public final class PythonModules {
  public static final Path PYTHON = Path.of("/usr/bin/python3");

  private PythonModules() {}

  /** Whether {@code /usr/bin/python3 -c "import <module>"} succeeds ({@code module} may list several, "a, b"). */
  public static boolean importable(String module) {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + module).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Skips the calling test unless {@code module} is importable; the message names the Debian package and the check. */
  public static void assumeImportable(String module, String debianPackage, String check) {
    assumeTrue(importable(module), module + " is not importable by " + PYTHON + ": install it with 'apt-get install -y "
        + debianPackage + "' to run " + check);
  }
}
