package ai.curate.jobs.bench;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.fleet.StreamKind;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.stages.RunIds;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Fleet ingest throughput (docs/benchmarks.md, "Fleet ingest"): {@code ingest-fleet} on one generated multi-hour
 * session, next to Spark reading the same sample rows already converted to Parquet and next to copying those Parquet
 * rows into bronze Delta tables by the same writer (the converter's floor), in one run and one JVM.
 *
 * <pre>
 * java -cp "$(cat jobs/target/test-classpath.txt):jobs/target/classes:jobs/target/test-classes" \
 *     ai.curate.jobs.bench.FleetIngestBenchmark [--minutes 120] [--master local[2]] [--work /tmp/curate-ingest-bench] [--rounds 2] [--set key=value]
 * </pre>
 *
 * <p>The session is generated once into {@code --work} (kept across runs). Each round times the whole stage (plan,
 * Arrow read, eight Delta table writes with commits, the ledger) and then a Parquet scan of the four stream tables'
 * rows (all columns, through a no-op sink), so the ratio says what the raw format and our reader cost over a columnar
 * read Spark is built for; then the copy of those rows into the four stream tables of another warehouse with the
 * stage's own writer ({@code StageContext.replaceSlice}: same partitioning, file sizes and commits), the floor any
 * converter to these tables pays; then the same copy once more with Parquet's dictionary attempt off for the float
 * arrays, into a third warehouse. Throughput is given per wall-clock second and per CPU second of this process (the latter
 * is what "per core" means and is robust to other load on the machine); the fastest round counts.
 */
public final class FleetIngestBenchmark {
  private static final LocalDate DATE = LocalDate.parse("2026-01-15");
  private static final List<TableId> STREAM_TABLES = List.of(Tables.JOINT_STATES, Tables.JOINT_COMMANDS,
      Tables.WRENCHES, Tables.TACTILE);

  /** The stream tables' float-array columns. */
  private static final List<String> FLOAT_ARRAYS = Stream.of(StreamKind.values()).flatMap(k -> k.listColumns.stream())
      .distinct().toList();

  private FleetIngestBenchmark() {}

  /** Parquet's per-column key (Parquet 1.12+) for the elements of a Spark array column. */
  private static String noDictionary(String arrayColumn) {
    return "parquet.enable.dictionary#" + arrayColumn + ".list.element";
  }

  public static void main(String[] args) throws IOException {
    double minutes = 120;
    String master = "local[2]";
    Path work = Path.of("/tmp/curate-ingest-bench");
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
          System.err.println(
              "usage: FleetIngestBenchmark [--minutes M] [--master URL] [--work DIR] [--rounds N] [--set key=value]...");
          System.exit(2);
        }
      }
    }
    Path raw = BenchSessions.generateOnce(work.resolve(String.format(Locale.ROOT, "raw-%.0fmin", minutes)), minutes);
    long streamBytes = streamBytes(raw);

    Path warehouse = work.resolve("warehouse");
    CurateConfig cfg = config(raw, warehouse, work, master, overrides);
    // The copy floor writes into a warehouse of its own with the same settings.
    CurateConfig copyCfg = config(raw, work.resolve("warehouse-copy"), work, master, overrides);
    CurateConfig plainCopyCfg = config(raw, work.resolve("warehouse-copy-plain"), work, master, overrides);
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    try (SparkSession spark = SparkSessions.create(cfg)) {
      spark.sparkContext().setLogLevel("WARN");
      int cores = spark.sparkContext().defaultParallelism();
      Measure best = null;
      Measure bestParquet = null;
      Measure bestCopy = null;
      Measure bestPlainCopy = null;
      long rows = 0;
      for (int round = 1; round <= rounds; round++) {
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        StageResult result = new FleetIngestStage().run(new StageContext(spark, cfg, DATE, RunIds.newRunId(DATE)));
        Measure ingest = new Measure((System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9);
        rows = result.counts().get("rows");

        Path parquet = work.resolve("parquet");
        for (TableId t : STREAM_TABLES) {
          spark.read().format("delta").load(warehouse.resolve(t.layer()).resolve(t.name()).toString())
              .write().mode(SaveMode.Overwrite).parquet(parquet.resolve(t.name()).toString());
        }
        long cpu1 = os.getProcessCpuTime();
        long t1 = System.nanoTime();
        for (TableId t : STREAM_TABLES) {
          spark.read().parquet(parquet.resolve(t.name()).toString()).write().format("noop").mode(SaveMode.Overwrite)
              .save();
        }
        Measure read = new Measure((System.nanoTime() - t1) / 1e9, (os.getProcessCpuTime() - cpu1) / 1e9);

        // The converter's floor: the same rows, already columnar, written by the same writer into the same layout
        // (partitioning, file sizes, one replace commit per table). What ingest costs above this is the raw format.
        Measure copied = copy(os, spark, copyCfg, parquet);

        // The same copy with Parquet's dictionary attempt off for the float-array columns (docs/benchmarks.md,
        // "Dictionary encoding of the float arrays"): a per-column Parquet setting read from the Hadoop configuration.
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        FLOAT_ARRAYS.forEach(c -> hadoop.set(noDictionary(c), "false"));
        Measure plain;
        try {
          plain = copy(os, spark, plainCopyCfg, parquet);
        } finally {
          FLOAT_ARRAYS.forEach(c -> hadoop.unset(noDictionary(c)));
        }
        System.out.printf(Locale.ROOT, "round %d: ingest-fleet %.1f s wall, %.1f s cpu; parquet read %.1f s wall, "
            + "%.1f s cpu; parquet -> delta copy %.1f s wall, %.1f s cpu; the copy without float dictionaries %.1f s"
            + " wall, %.1f s cpu%n", round, ingest.wall, ingest.cpu, read.wall, read.cpu, copied.wall, copied.cpu,
            plain.wall, plain.cpu);
        best = best == null || ingest.wall < best.wall ? ingest : best;
        bestParquet = bestParquet == null || read.wall < bestParquet.wall ? read : bestParquet;
        bestCopy = bestCopy == null || copied.wall < bestCopy.wall ? copied : bestCopy;
        bestPlainCopy = bestPlainCopy == null || plain.wall < bestPlainCopy.wall ? plain : bestPlainCopy;
      }
      System.out.printf(Locale.ROOT, "input: one %.0f-minute session, %,d stream samples, %.1f MB of Arrow stream "
          + "files; master %s (%d cores)%n", minutes, rows, streamBytes / 1e6, master, cores);
      System.out.println("| reader | wall s | samples/s | samples/s per core (cpu-s) | MB/s per core (cpu-s) |");
      System.out.println("|---|---|---|---|---|");
      row("ingest-fleet (Arrow IPC -> 8 bronze Delta tables)", best, rows, streamBytes);
      row("Spark Parquet scan of the same rows (no-op sink)", bestParquet, rows, streamBytes);
      row("Parquet -> bronze Delta copy of the same rows (same writer and layout)", bestCopy, rows, streamBytes);
      row("the same copy, no dictionary attempt for the float arrays", bestPlainCopy, rows, streamBytes);
      System.out.printf(Locale.ROOT, "ingest / parquet-read cost ratio: %.1fx wall, %.1fx cpu%n",
          best.wall / bestParquet.wall, best.cpu / bestParquet.cpu);
      System.out.printf(Locale.ROOT, "ingest / parquet->delta copy cost ratio: %.2fx wall, %.2fx cpu%n",
          best.wall / bestCopy.wall, best.cpu / bestCopy.cpu);
      System.out.printf(Locale.ROOT, "copy without float dictionaries / copy: %.2fx wall, %.2fx cpu%n",
          bestPlainCopy.wall / bestCopy.wall, bestPlainCopy.cpu / bestCopy.cpu);
    }
  }

  private static CurateConfig config(Path raw, Path warehouse, Path work, String master, List<String> overrides) {
    return ConfigFixtures.session(raw, warehouse, work.resolve("scratch")).set("spark.master", master)
        .set("spark.sql.shuffle.partitions", 4).set("spark.ui.enabled", false)
        .load(work, overrides.toArray(String[]::new));
  }

  private record Measure(double wall, double cpu) {}

  /** Copies the stream tables' Parquet rows under {@code parquet} into {@code cfg}'s warehouse, timed. */
  private static Measure copy(OperatingSystemMXBean os, SparkSession spark, CurateConfig cfg, Path parquet) {
    StageContext ctx = new StageContext(spark, cfg, DATE, RunIds.newRunId(DATE));
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    for (TableId t : STREAM_TABLES) {
      ctx.replaceSlice(t, spark.read().parquet(parquet.resolve(t.name()).toString()));
    }
    return new Measure((System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9);
  }

  private static void row(String name, Measure m, long rows, long bytes) {
    System.out.printf(Locale.ROOT, "| %s | %.1f | %,.0f | %,.0f | %.1f |%n", name, m.wall, rows / m.wall,
        rows / m.cpu, bytes / 1e6 / m.cpu);
  }

  private static long streamBytes(Path raw) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(raw)) {
      s.filter(p -> p.toString().contains("/streams/") && p.toString().endsWith(".arrow")).forEach(files::add);
    }
    long total = 0;
    for (Path f : files) {
      total += Files.size(f);
    }
    return total;
  }
}
