package ai.curate.jobs.bench;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.mcap.McapIngestStage;
import ai.curate.jobs.sample.SampleFormat;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.stages.RunIds;
import ai.curate.jobs.stages.Stage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;

/**
 * MCAP ingest cost (docs/benchmarks.md, "MCAP ingest"): {@code ingest-mcap} on one generated session written as MCAP,
 * next to {@code ingest-fleet} on the same session (same seed: the same samples and times) written as a bundle, in
 * one run and one JVM, each into its own warehouse.
 *
 * <pre>
 * bin/bench mcap-ingest [--minutes 120] [--master local[2]] [--work /tmp/curate-mcap-ingest-bench] [--rounds 2]
 * </pre>
 *
 * <p>The two samples are generated once into {@code --work}. Each round times both whole stages (plan, read, every
 * bronze Delta write, the ledger); the fastest round of each counts. Cost is compared per CPU second of this process
 * (the driver and the local executors), which is what the target (MCAP at most 1.3x the bundle path) is about. Run
 * it with {@code --master local[1]} and {@code local[2]} for the chunk-parallel scaling of one recording.
 */
public final class McapIngestBenchmark {
  private static final LocalDate DATE = LocalDate.parse("2026-01-15");

  private McapIngestBenchmark() {}

  public static void main(String[] args) {
    double minutes = 120;
    String master = "local[2]";
    Path work = Path.of("/tmp/curate-mcap-ingest-bench");
    int rounds = 2;
    List<String> overrides = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(args[++i]);
        case "--master" -> master = args[++i];
        case "--work" -> work = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--set" -> overrides.add(args[++i]);
        default -> {
          System.err.println("usage: McapIngestBenchmark [--minutes M] [--master URL] [--work DIR] [--rounds N]"
              + " [--set key=value]...");
          System.exit(2);
        }
      }
    }
    Path bundleRaw = sample(work, minutes, SampleFormat.BUNDLE);
    Path mcapRaw = sample(work, minutes, SampleFormat.MCAP);
    CurateConfig bundleCfg = config(work, bundleRaw, "warehouse-bundle", master, overrides);
    CurateConfig mcapCfg = config(work, mcapRaw, "warehouse-mcap", master, overrides);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (SparkSession spark = SparkSessions.create(bundleCfg)) {
      spark.sparkContext().setLogLevel("WARN");
      int cores = spark.sparkContext().defaultParallelism();
      Measure bundle = null;
      Measure mcap = null;
      long rows = 0;
      for (int round = 1; round <= rounds; round++) {
        Measure b = time(os, spark, bundleCfg, new FleetIngestStage());
        Measure m = time(os, spark, mcapCfg, new McapIngestStage());
        if (b.rows != m.rows) {
          throw new IllegalStateException("the two ingests landed different row counts: " + b.rows + " vs " + m.rows);
        }
        rows = m.rows;
        System.out.printf(Locale.ROOT, "round %d: ingest-fleet %.1f s wall, %.1f s cpu; ingest-mcap %.1f s wall,"
            + " %.1f s cpu%n", round, b.wall, b.cpu, m.wall, m.cpu);
        bundle = bundle == null || b.cpu < bundle.cpu ? b : bundle;
        mcap = mcap == null || m.cpu < mcap.cpu ? m : mcap;
      }
      System.out.printf(Locale.ROOT, "input: one %.0f-minute session, %,d stream and frame rows; bundle %.1f MB,"
          + " MCAP %.1f MB; master %s (%d cores)%n", minutes, rows, size(bundleRaw) / 1e6, size(mcapRaw) / 1e6,
          master, cores);
      System.out.println("| ingest | wall s | cpu s | rows/s per core (cpu-s) |");
      System.out.println("|---|---|---|---|");
      row("ingest-fleet (bundle)", bundle, rows);
      row("ingest-mcap (MCAP, zstd chunks)", mcap, rows);
      System.out.printf(Locale.ROOT, "MCAP / bundle cost ratio: %.2fx cpu, %.2fx wall%n", mcap.cpu / bundle.cpu,
          mcap.wall / bundle.wall);
    }
  }

  private record Measure(double wall, double cpu, long rows) {}

  private static Measure time(OperatingSystemMXBean os, SparkSession spark, CurateConfig cfg, Stage stage) {
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    StageResult result = stage.run(new StageContext(spark, cfg, DATE, RunIds.newRunId(DATE)));
    return new Measure((System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9,
        result.counts().get("rows"));
  }

  private static Path sample(Path work, double minutes, SampleFormat format) {
    Path raw = work.resolve(String.format(Locale.ROOT, "raw-%s-%.0fmin", format.name().toLowerCase(Locale.ROOT),
        minutes));
    BenchSessions.generateOnce(raw, 1, minutes, format, Path.of("configs/robots/neo/neo.urdf"));
    return raw;
  }

  private static CurateConfig config(Path work, Path raw, String warehouse, String master, List<String> overrides) {
    return ConfigFixtures.session(raw, work.resolve(warehouse), work.resolve("scratch")).set("spark.master", master)
        .set("spark.sql.shuffle.partitions", 4).set("spark.ui.enabled", false)
        .set("mcap_ingest.mapping", Path.of("configs/mcap/neo.yaml").toAbsolutePath())
        .set("mcap_ingest.robot_urdf", Path.of("configs/robots/neo/neo.urdf").toAbsolutePath())
        .load(work, overrides.toArray(String[]::new));
  }

  private static long size(Path dir) {
    try (var s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void row(String name, Measure m, long rows) {
    System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %,.0f |%n", name, m.wall, m.cpu, rows / m.cpu);
  }
}
