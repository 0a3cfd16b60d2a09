package ai.curate.tests.catalog;

import ai.curate.testing.Fixtures;
import ai.curate.tests.TestJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@code curate} command (or another main class of the test classpath) in a JVM of its own, as a user's shell or
 * a scheduler would start it: the classpath bin/curate gives (Spark, Delta, Hive, our modules), the catalog password
 * in the environment, stdout and stderr in one log file.
 */
final class CurateProcess {
  private final String name;
  private final Process process;
  private final Path log;
  private final long startedMillis = System.currentTimeMillis();

  private CurateProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code ai.curate.jobs.Main args} with {@code environment} added; output goes to {@code logs/<name>.log}. */
  static CurateProcess curate(String name, Path logs, Map<String, String> environment, String... args)
      throws IOException {
    return start(name, logs, environment, "ai.curate.jobs.Main", List.of(args));
  }

  static CurateProcess start(String name, Path logs, Map<String, String> environment, String mainClass,
      List<String> args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx1500m");
    command.addAll(TestJvm.moduleOpens());
    command.add("-Dcurate.home=" + Fixtures.projectDir());
    command.add("-Dlog4j2.configurationFile=" + Fixtures.projectDir().resolve("configs/log4j2.properties"));
    command.add("-cp");
    command.add(classpath());
    command.add(mainClass);
    command.addAll(args);
    Files.createDirectories(logs);
    Path log = logs.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    System.out.printf("%s started: %s%n", name, String.join(" ", args));
    return new CurateProcess(name, builder.start(), log);
  }

  /** The test runtime classpath (tests/pom.xml writes it) and this module's test classes. */
  private static String classpath() throws IOException {
    String listed = Files.readString(Path.of(System.getProperty("curate.cluster.classpath"))).strip();
    Path testClasses;
    try {
      testClasses = Path.of(CurateProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return testClasses + java.io.File.pathSeparator + listed;
  }

  /** Waits for the exit; the exit code. Kills the process and fails when it takes longer than {@code timeout}. */
  int await(Duration timeout) throws InterruptedException, IOException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      throw new AssertionError(name + " did not finish within " + timeout + ":\n" + output());
    }
    System.out.printf("%s exited %d after %d s%n", name, process.exitValue(),
        (System.currentTimeMillis() - startedMillis) / 1000);
    return process.exitValue();
  }

  /** Waits for the exit and fails with the process's output unless it exits 0. */
  String awaitSuccess(Duration timeout) throws InterruptedException, IOException {
    int code = await(timeout);
    String out = output();
    if (code != 0) {
      throw new AssertionError(name + " exited " + code + ":\n" + out);
    }
    return out;
  }

  /** Waits until a line of the output contains {@code text}; fails when the process ends first or time runs out. */
  void awaitOutput(String text, Duration timeout) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (output().contains(text)) {
        return;
      }
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited " + process.exitValue() + " before printing '" + text + "':\n"
            + output());
      }
      Thread.sleep(200);
    }
    throw new AssertionError(name + " did not print '" + text + "' within " + timeout + ":\n" + output());
  }

  /** Kills the JVM at once (SIGKILL: no shutdown hook runs, as when a machine or container dies). */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
    System.out.printf("%s killed after %d s%n", name, (System.currentTimeMillis() - startedMillis) / 1000);
  }

  /** Stops it as a scheduler would (SIGTERM): shutdown hooks run. */
  void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  String name() {
    return name;
  }
}
