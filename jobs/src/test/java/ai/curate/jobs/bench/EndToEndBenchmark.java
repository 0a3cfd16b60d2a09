package ai.curate.jobs.bench;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.ConfigLoader;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.sample.SampleGenerator;
import ai.curate.jobs.sample.SampleOptions;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.stages.Stage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageRegistry;
import ai.curate.jobs.stages.StageResult;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * End-to-end cost of curating a fleet day (docs/benchmarks.md, "End to end"): every stage of {@code curate run}, in
 * pipeline order, on a generated day of {@code --sessions} sessions of {@code --minutes} each (the sample's cameras at
 * their rates and resolution, two human clips), with the default config (the Spark settings of
 * {@code configs/local.yaml}) on {@code --master} (default
 * {@code local[2]}), in this JVM: per stage the wall and process CPU seconds, CPU seconds per robot-hour and peak heap,
 * and in total robot-hours curated per core-hour (process CPU).
 *
 * <pre>
 * bin/bench e2e [--sessions N] [--minutes M] [--work DIR] [--master URL] [--cluster | --memory] [--set key=value]...
 * </pre>
 *
 * With {@code --cluster}, the same day is then run by {@code bin/curate run} on {@code local-cluster[1,1,2048]} and
 * {@code local-cluster[2,1,2048]} (one and two executors of one core and a 2 GB heap: the worker's 2048 MB only caps
 * {@code spark.executor.memory}, whose default is 1 GB, so the run sets it), each into a fresh warehouse, and the
 * wall-clock scaling ratio is reported (CPU of the driver and its executor processes from the shell's {@code time}).
 * The day is generated once under {@code --work} and kept.
 *
 * <p>With {@code --memory} instead, the in-process run is skipped and the day goes through {@code bin/curate run} on
 * {@code local-cluster[1,1,2048]} with a 2 GB driver heap as well, with Spark's event log on; the run must finish,
 * and a per-stage table of the executor's tasks (CPU, garbage collection, spill, peak execution memory, failures)
 * is printed from the event log. Issue #19 asks this of one 4-hour session: {@code --sessions 1 --minutes 240}.
 */
public final class EndToEndBenchmark {
  private EndToEndBenchmark() {}

  record StageMeasure(String stage, double wall, double cpu, long peakHeapMb) {}

  public static void main(String[] args) throws Exception {
    int sessions = 4;
    double minutes = 30;
    Path work = Path.of("/tmp/curate-e2e-bench");
    String master = "local[2]";
    boolean cluster = false;
    boolean memory = false;
    List<String> overrides = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--sessions" -> sessions = Integer.parseInt(args[++i]);
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--work" -> work = Path.of(args[++i]);
        case "--master" -> master = args[++i];
        case "--cluster" -> cluster = true;
        case "--memory" -> memory = true;
        case "--set" -> overrides.add(args[++i]);
        default -> {
          System.err.println("usage: EndToEndBenchmark [--sessions N] [--minutes M] [--work DIR] [--master URL]"
              + " [--cluster | --memory] [--set key=value]...");
          System.exit(2);
        }
      }
    }
    Path project = Path.of("").toAbsolutePath();
    // The shipped defaults (robot model, rule files) resolve against the installation, as under bin/curate.
    System.setProperty("curate.home", project.toString());
    Path raw = work.resolve(String.format(Locale.ROOT, "raw-%dx%.0fmin", sessions, minutes));
    if (!Files.exists(raw.resolve("_sample_summary.json"))) {
      long t0 = System.nanoTime();
      new SampleGenerator().generate(new SampleOptions(raw, BenchSessions.DATE, sessions, 2, 11, minutes,
          SampleOptions.DEFAULT_CLIP_SECONDS, false, project.resolve("configs/robots/neo/neo.urdf"), 2));
      System.out.printf(Locale.ROOT, "generated %d sessions of %.0f minutes and 2 clips in %.0f s%n", sessions, minutes,
          (System.nanoTime() - t0) / 1e9);
    }
    double robotHours = sessions * minutes / 60.0;
    Path warehouse = work.resolve("warehouse-local");
    deleteTree(warehouse);
    // The default config is the shipped local one (configs/local.yaml): its Spark settings (shuffle partitions, Delta
    // snapshot partitions) decide much of the cost of a small cluster; only the paths, the master and the catalog
    // (in-session, so the cluster runs need no Derby lock) differ.
    Path config = ConfigFixtures.session(raw, warehouse, work.resolve("scratch"))
        .setAll(shippedSparkSettings(project.resolve("configs/local.yaml"))).set("spark.master", master)
        .set("spark.ui.enabled", false).writeTo(work.resolve("curate-e2e.yaml"));
    CurateConfig cfg = new ConfigLoader().load(config, overrides);
    if (memory) {
      memoryRun(project, config, overrides, work, sessions, minutes);
      return;
    }

    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    List<StageMeasure> measures = new ArrayList<>();
    int cores;
    try (SparkSession spark = SparkSessions.create(cfg)) {
      spark.sparkContext().setLogLevel("WARN");
      cores = spark.sparkContext().defaultParallelism();
      for (StageRegistry.Registration r : StageRegistry.standard().registrations()) {
        Stage stage = r.factory().get();
        resetPeaks();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        StageResult result = stage.run(new StageContext(spark, cfg, BenchSessions.DATE, "run-e2e"));
        StageMeasure m = new StageMeasure(stage.name(), (System.nanoTime() - t0) / 1e9,
            (os.getProcessCpuTime() - cpu0) / 1e9, peakHeapMb());
        measures.add(m);
        System.out.printf(Locale.ROOT, "%s: %.1f s wall, %.1f CPU-s, peak heap %d MB, %s%n", m.stage(), m.wall(),
            m.cpu(), m.peakHeapMb(), result.counts());
      }
    }
    double wall = measures.stream().mapToDouble(StageMeasure::wall).sum();
    double cpu = measures.stream().mapToDouble(StageMeasure::cpu).sum();
    System.out.printf(Locale.ROOT, "%n%s, %d cores, %.2f robot-hours (%d sessions x %.0f min), default config%n%n",
        master, cores, robotHours, sessions, minutes);
    System.out.println("| stage | wall s | CPU s | CPU-s per robot-hour | share of CPU | peak heap MB |");
    System.out.println("|---|---|---|---|---|---|");
    for (StageMeasure m : measures) {
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %.1f | %.0f %% | %d |%n", m.stage(), m.wall(), m.cpu(),
          m.cpu() / robotHours, 100 * m.cpu() / cpu, m.peakHeapMb());
    }
    System.out.printf(Locale.ROOT, "| **total** | **%.1f** | **%.1f** | **%.1f** | | |%n", wall, cpu, cpu / robotHours);
    System.out.printf(Locale.ROOT, "%n%.1f robot-hours per core-hour (process CPU); %.1f per core-hour of wall x %d"
        + " cores%n", robotHours / (cpu / 3600), robotHours / (wall * cores / 3600), cores);

    if (cluster) {
      double[] one = clusterRun(project, config, overrides, work, 1);
      double[] two = clusterRun(project, config, overrides, work, 2);
      System.out.printf(Locale.ROOT,
          "%n| master | wall s | CPU s (driver + executors) | robot-hours per core-hour |%n");
      System.out.println("|---|---|---|---|");
      System.out.printf(Locale.ROOT, "| local-cluster[1,1,2048] | %.1f | %.1f | %.1f |%n", one[0], one[1],
          robotHours / (one[1] / 3600));
      System.out.printf(Locale.ROOT, "| local-cluster[2,1,2048] | %.1f | %.1f | %.1f |%n", two[0], two[1],
          robotHours / (two[1] / 3600));
      System.out.printf(Locale.ROOT, "%nscaling from 1 to 2 executors: %.2fx (wall)%n", one[0] / two[0]);
    }
  }

  /**
   * The day through {@code bin/curate run} on one executor of a 2 GB heap and a 2 GB driver, with the event log on:
   * it must finish; prints what the executor's tasks did per stage.
   */
  private static void memoryRun(Path project, Path config, List<String> overrides, Path work, int sessions,
      double minutes) throws IOException, InterruptedException {
    Path eventLogs = work.resolve("event-log");
    deleteTree(eventLogs);
    Files.createDirectories(eventLogs);
    List<String> sets = new ArrayList<>(overrides);
    sets.add("spark.eventLog.enabled=true");
    sets.add("spark.eventLog.dir=" + eventLogs.toUri());
    double[] run = clusterRun(project, config, sets, work, 1, "-Xmx2g");
    Path eventLog;
    try (Stream<Path> logs = Files.list(eventLogs)) {
      eventLog = logs.findFirst().orElseThrow(() -> new IllegalStateException("no event log in " + eventLogs));
    }
    System.out.printf(Locale.ROOT, "%n%d session(s) of %.0f minutes through every stage on local-cluster[1,1,2048],"
        + " 2 GB executor heap, 2 GB driver heap: finished in %.1f s wall, %.1f CPU-s%n%n", sessions, minutes, run[0],
        run[1]);
    System.out.print(EventLogStages.table(EventLogStages.read(eventLog)));
  }

  /** {@code bin/curate run} of the day on {@code local-cluster[n,1,2048]}: {wall s, user + system CPU s}. */
  private static double[] clusterRun(Path project, Path config, List<String> overrides, Path work, int executors)
      throws IOException, InterruptedException {
    return clusterRun(project, config, overrides, work, executors, null);
  }

  /** As above, the driver's JVM options ({@code CURATE_JAVA_OPTS}) set when not null. */
  private static double[] clusterRun(Path project, Path config, List<String> overrides, Path work, int executors,
      String driverJavaOptions) throws IOException, InterruptedException {
    Path warehouse = work.resolve("warehouse-cluster-" + executors);
    deleteTree(warehouse);
    Path log = work.resolve("cluster-" + executors + ".log");
    String command = String.format(Locale.ROOT, "TIMEFORMAT='TIME %%R %%U %%S'; time %s run --config %s --date %s"
        + " --set spark.master='local-cluster[%d,1,2048]' --set spark.executor.memory=2g --set paths.warehouse=%s"
        + " --set spark.ui.enabled=false",
        project.resolve("bin/curate"), config, BenchSessions.DATE, executors, warehouse);
    for (String o : overrides) {
      // The same settings as the in-process run; quoted for the shell.
      command += " --set '" + o.replace("'", "'\\''") + "'";
    }
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    // bin/bench built the application jar before this JVM started.
    builder.environment().put("CURATE_SKIP_BUILD", "1");
    if (driverJavaOptions != null) {
      builder.environment().put("CURATE_JAVA_OPTS", driverJavaOptions);
    }
    Process p = builder.start();
    p.getOutputStream().close();
    if (!p.waitFor(3, TimeUnit.HOURS)) {
      p.destroyForcibly();
      throw new IllegalStateException("the local-cluster run took over 3 hours and was stopped; log: " + log);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException("the local-cluster run failed; log: " + log);
    }
    String time = Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("TIME "))
        .reduce((a, b) -> b).orElseThrow(() -> new IllegalStateException("no timing in " + log));
    String[] f = time.split(" ");
    double[] out = {Double.parseDouble(f[1]), Double.parseDouble(f[2]) + Double.parseDouble(f[3])};
    System.out.printf(Locale.ROOT, "local-cluster[%d,1,2048]: %.1f s wall, %.1f CPU-s (log %s)%n", executors, out[0],
        out[1], log);
    return out;
  }

  /** The {@code spark} section of the shipped config, as dotted keys. */
  private static Map<String, String> shippedSparkSettings(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    new ObjectMapper(new YAMLFactory()).readTree(file.toFile()).path("spark").fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    if (out.isEmpty()) {
      throw new IllegalStateException("no spark section in " + file);
    }
    return out;
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** Sum of the heap pools' peaks since the reset: an upper bound of the heap in use at any one time. */
  private static long peakHeapMb() {
    long bytes = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        bytes += pool.getPeakUsage().getUsed();
      }
    }
    return bytes >> 20;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
