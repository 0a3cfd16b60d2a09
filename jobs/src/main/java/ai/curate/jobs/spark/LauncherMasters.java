package ai.curate.jobs.spark;

import ai.curate.jobs.errors.CurateErrors;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which Spark masters {@code bin/curate run} can use, and what each needs. The launcher runs the driver in its own
 * JVM (client mode) without spark-submit, so for a cluster master it must do what spark-submit would: ship the
 * application jar ({@code spark.jars}) so executors find our classes, and, for {@code local-cluster[...]}, whose
 * Workers run inside this JVM and start executor JVMs from {@code SPARK_HOME}, point them at the Spark home the build
 * lays out (the same jars as the driver's classpath).
 *
 * <p>Masters whose driver or executors need a cluster manager's submission (YARN, Kubernetes, Mesos) are refused in
 * one line naming {@code curate submit}. Nothing is added or refused when the CLI does not run from the launcher
 * (under spark-submit, or in tests): spark-submit has already done all of this.
 */
public final class LauncherMasters {
  /** Set by bin/curate: the shaded application jar (our code and libraries, what spark-submit would ship). */
  public static final String APP_JAR_PROPERTY = "curate.app.jar";
  /** Set by bin/curate: the build's Spark home (Spark, Delta and Hive jars; bin/curate exports it as SPARK_HOME). */
  public static final String SPARK_HOME_PROPERTY = "curate.spark.home";

  private static final String JARS = "spark.jars";
  private static final String SCALA_VERSION_ENV = "spark.executorEnv.SPARK_SCALA_VERSION";

  private LauncherMasters() {}

  /** The launcher's installation paths; both are passed by bin/curate. */
  public record Installation(Path appJar, Path sparkHome) {
    /** Empty unless this JVM was started by bin/curate (spark-submit and tests do not set the properties). */
    static Optional<Installation> fromSystemProperties() {
      String jar = System.getProperty(APP_JAR_PROPERTY);
      String home = System.getProperty(SPARK_HOME_PROPERTY);
      return jar == null || home == null
          ? Optional.empty()
          : Optional.of(new Installation(Path.of(jar), Path.of(home)));
    }
  }

  /** The settings this process needs for {@code master} (null: Spark's default, local). */
  static Map<String, String> forThisProcess(String master, Map<String, String> configured) {
    return Installation.fromSystemProperties()
        .map(i -> settings(master, configured, i, System.getenv("SPARK_HOME"), scalaBinaryVersion()))
        .orElse(Map.of());
  }

  /**
   * The decision, free of process state: the settings to add for {@code master} when the driver runs in the
   * launcher of {@code installation}, given the configured settings and the {@code SPARK_HOME} the launcher exported.
   *
   * @throws ai.curate.jobs.errors.UserError when the master cannot work from the launcher
   */
  static Map<String, String> settings(String master, Map<String, String> configured, Installation installation,
      String sparkHomeEnv, String scalaBinaryVersion) {
    String m = master == null ? "local" : master.strip();
    Map<String, String> added = new LinkedHashMap<>();
    if (m.equals("local") || m.startsWith("local[")) {
      return added;
    }
    if (m.startsWith("local-cluster[")) {
      Path home = installation.sparkHome().toAbsolutePath().normalize();
      if (sparkHomeEnv == null || !Path.of(sparkHomeEnv).toAbsolutePath().normalize().equals(home)) {
        throw CurateErrors.launcherSparkHomeNotSet(m, home, sparkHomeEnv);
      }
      // The Worker's launcher reads the Scala version from the executor's environment; a Spark distribution's
      // scripts set it, the build's jars-only Spark home has nothing to infer it from.
      if (!configured.containsKey(SCALA_VERSION_ENV)) {
        added.put(SCALA_VERSION_ENV, scalaBinaryVersion);
      }
    } else if (!m.startsWith("spark://")) {
      throw CurateErrors.masterNeedsSubmit(m);
    }
    String appJar = installation.appJar().toAbsolutePath().normalize().toString();
    String jars = configured.get(JARS);
    added.put(JARS, jars == null || jars.isBlank() ? appJar : jars + "," + appJar);
    return added;
  }

  /** "2.12" for Scala 2.12.18: the version Spark's jars on this classpath were built for. */
  static String scalaBinaryVersion() {
    String full = scala.util.Properties.versionNumberString();
    int second = full.indexOf('.', full.indexOf('.') + 1);
    return second < 0 ? full : full.substring(0, second);
  }
}
