package ai.curate.tests;

import java.lang.management.ManagementFactory;
import java.util.List;

/** What a JVM these tests start (a {@code curate} process, an executor) needs of the test JVM's own options. */
public final class TestJvm {
  private TestJvm() {}

  /**
   * The {@code --add-opens} and {@code --add-exports} options the test JVM runs with (the build's
   * {@code spark.jvm.opens}): Spark needs them on Java 17 in every JVM, and taking them from here keeps one list.
   */
  public static List<String> moduleOpens() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens") || a.startsWith("--add-exports")).toList();
  }
}
