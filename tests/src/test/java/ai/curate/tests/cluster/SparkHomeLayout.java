package ai.curate.tests.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A SPARK_HOME made from Maven jars alone (docs/operations.md): {@code jars/} links every third-party jar of the test
 * runtime classpath (Spark, Delta, Hive, JavaCV with its linux-x86_64 natives, ...), and the project's own modules
 * (reactor {@code target/classes} folders or module jars) become the executors' {@code spark.executor.extraClassPath},
 * as an application jar would be on a real cluster.
 *
 * <p>The classpath list is written by maven-dependency-plugin's {@code build-classpath} (tests/pom.xml); the Worker
 * finds this folder through the {@code SPARK_HOME} variable surefire sets.
 */
record SparkHomeLayout(Path sparkHome, List<Path> sparkJars, List<Path> applicationClasspath) {

  String executorClasspath() {
    return String.join(File.pathSeparator, applicationClasspath.stream().map(Path::toString).toList());
  }

  /**
   * (Re)creates {@code sparkHome/jars} as links to the jars of {@code classpathFile}; entries inside
   * {@code projectDir} (our modules) and {@code extraApplicationEntries} form the application classpath instead.
   */
  static SparkHomeLayout prepare(Path classpathFile, Path sparkHome, Path projectDir,
      List<Path> extraApplicationEntries) {
    if (!Files.isRegularFile(classpathFile)) {
      throw new IllegalStateException("no classpath list at " + classpathFile
          + ": run the cluster test through Maven (tests/pom.xml writes it in generate-test-resources)");
    }
    String listed;
    try {
      listed = Files.readString(classpathFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path project = projectDir.toAbsolutePath().normalize();
    List<Path> jars = new ArrayList<>();
    List<Path> application = new ArrayList<>();
    for (String entry : listed.split(File.pathSeparator)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry).toAbsolutePath().normalize();
      if (p.startsWith(project)) {
        application.add(p);
      } else if (Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar")) {
        jars.add(p);
      } else {
        throw new IllegalStateException("unexpected classpath entry outside the project (not a jar): " + p);
      }
    }
    for (Path extra : extraApplicationEntries) {
      Path p = extra.toAbsolutePath().normalize();
      if (!application.contains(p)) {
        application.add(p);
      }
    }
    Path jarsDir = sparkHome.resolve("jars");
    try {
      deleteTree(jarsDir);
      Files.createDirectories(jarsDir);
      Set<String> names = new HashSet<>();
      for (Path jar : jars) {
        String name = jar.getFileName().toString();
        if (!names.add(name)) {
          name = names.size() + "-" + name; // two artifacts with one file name: keep both
          names.add(name);
        }
        Files.createSymbolicLink(jarsDir.resolve(name), jar);
      }
      Path conf = sparkHome.resolve("conf");
      Files.createDirectories(conf);
      // Executors read SPARK_HOME/conf first: warnings only, into the Worker's work/<app>/<executor>/stderr.
      Files.writeString(conf.resolve("log4j2.properties"), String.join("\n",
          "rootLogger.level = warn",
          "rootLogger.appenderRef.stderr.ref = console",
          "appender.console.type = Console",
          "appender.console.name = console",
          "appender.console.target = SYSTEM_ERR",
          "appender.console.layout.type = PatternLayout",
          "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex", ""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out SPARK_HOME at " + sparkHome, e);
    }
    return new SparkHomeLayout(sparkHome, List.copyOf(jars), List.copyOf(application));
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
