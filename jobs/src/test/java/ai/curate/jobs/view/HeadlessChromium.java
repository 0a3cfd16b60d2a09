package ai.curate.jobs.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium}, headless, loading a page from the file system and dumping its DOM after scripts ran
 * (installed by .ci/run; tests skip with one line without it). Console errors are caught twice: the page's own hook
 * writes them into the root's {@code data-js-errors} attribute, and Chromium's log (stderr) is searched for
 * "Uncaught" and console lines.
 */
final class HeadlessChromium {
  private HeadlessChromium() {}

  /** The rendered DOM and what the browser logged. */
  record Rendered(String dom, String log) {
    /** The root element's start tag, where the page's scripts leave their marks. */
    String root() {
      int start = dom.indexOf("<html");
      return start < 0 ? "" : dom.substring(start, dom.indexOf('>', start) + 1);
    }

    void assertNoConsoleErrors() {
      assertThat(root()).as("the page's scripts ran to the end").contains("data-rendered=\"1\"");
      assertThat(root()).as("window.onerror hook").doesNotContain("data-js-errors");
      assertThat(log).as("browser log").doesNotContain("Uncaught").doesNotContain(":CONSOLE(");
    }
  }

  static String executable() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      for (String name : List.of("chromium", "chromium-browser")) {
        if (Files.isExecutable(Path.of(dir, name))) {
          return Path.of(dir, name).toString();
        }
      }
    }
    return null;
  }

  static void assumeInstalled() {
    Assumptions.assumeTrue(executable() != null,
        "chromium is not installed (apt-get install chromium; .ci/run does): headless page checks skipped");
  }

  static Rendered render(Path page, Path work) throws IOException, InterruptedException {
    Path log = Files.createTempFile(work, "chromium-", ".log");
    Path dom = Files.createTempFile(work, "chromium-", ".html");
    Process p = new ProcessBuilder(executable(), "--headless", "--no-sandbox", "--disable-gpu",
        "--enable-logging=stderr", "--v=0", "--virtual-time-budget=3000",
        "--user-data-dir=" + work.resolve("chromium-profile"), "--dump-dom", page.toUri().toString())
        .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish rendering " + page + " in 120 s");
    }
    assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    return new Rendered(Files.readString(dom, StandardCharsets.UTF_8), Files.readString(log));
  }
}
