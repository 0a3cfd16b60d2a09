package ai.curate.transforms.align.bench;

import static org.apache.spark.sql.functions.col;

import ai.curate.transforms.align.Alignment;
import ai.curate.transforms.align.AlignmentConfig;
import ai.curate.transforms.align.StreamKind;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Alignment benchmark (docs/benchmarks.md, "Multi-rate alignment"): generated robot hours aligned by the bucketed sort-merge transform and by a
 * Tempo-style window baseline, side by side in one run. Input is generated once into Parquet under --work and
 * read back, so timings cover read + align + a no-op write, not generation.
 *
 * <pre>
 * --hours H         robot hours (default 1)          --episodes E   episodes they are cut into (default 1)
 * --mode M          both | transform | baseline      --master URL   (default local[2])
 * --joint-width N   values per joint_state / action sample (default 75, Neo's actuated joints)
 * --bucket-s S      transform bucket length (default 60) --partitions P shuffle partitions (default 16)
 * --work DIR        data directory (default /tmp/curate-align-bench) --regenerate  rewrite the input
 * --repeat N        runs of each implementation; the fastest is reported (default 2: the first warms the JIT)
 * --verify          compare the two outputs row by row
 * --floor           also time the data movement alone: the samples scanned into the no-op sink, and scanned, exchanged
 *                   by hash and sorted within partitions (no alignment), the floor under any plan that shuffles them
 * </pre>
 *
 * <p>Each run reports wall seconds and the process's CPU seconds (all threads: tasks, GC, JIT); on a shared or
 * virtual machine the CPU seconds move less from run to run than the wall time.
 */
public final class AlignBenchmark {

  public static void main(String[] args) throws IOException {
    Options o = Options.parse(args);
    SparkSession spark = SparkSession.builder().master(o.master).appName("curate-align-benchmark")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", String.valueOf(o.partitions))
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    int cores = spark.sparkContext().defaultParallelism();

    Path data = Paths.get(o.work, String.format(Locale.ROOT, "h%s-e%d-w%d", o.hours, o.episodes, o.jointWidth));
    if (o.regenerate || !Files.exists(data.resolve("_COMPLETE"))) {
      long t0 = System.nanoTime();
      RobotHourData.samples(spark, o.hours, o.episodes, o.jointWidth).write().mode(SaveMode.Overwrite)
          .parquet(data.resolve("samples").toString());
      RobotHourData.grid(spark, o.hours, o.episodes).write().mode(SaveMode.Overwrite)
          .parquet(data.resolve("grid").toString());
      Files.writeString(data.resolve("_COMPLETE"), "");
      System.out.printf(Locale.ROOT, "generated %s in %.1f s%n", data, (System.nanoTime() - t0) / 1e9);
    }
    Dataset<Row> samples = spark.read().parquet(data.resolve("samples").toString());
    Dataset<Row> grid = spark.read().parquet(data.resolve("grid").toString());
    long sampleCount = samples.count();
    long gridCount = grid.count();

    AlignmentConfig.Builder builder = AlignmentConfig.builder().bucketNs((long) (o.bucketSeconds * 1e9));
    builder.stream("joint_state", StreamKind.JOINT_STATE).stream("action", StreamKind.JOINT_COMMAND)
        .stream("wrench_left", StreamKind.WRENCH).stream("wrench_right", StreamKind.WRENCH)
        .stream("tactile_left", StreamKind.TACTILE).stream("tactile_right", StreamKind.TACTILE);
    AlignmentConfig config = builder.build();

    System.out.printf(Locale.ROOT, "input: %,d samples, %,d grid steps, %d episode(s), %.2f robot hour(s); "
        + "master %s (%d cores), max heap %d MB%n", sampleCount, gridCount, o.episodes, o.hours, o.master, cores,
        Runtime.getRuntime().maxMemory() >> 20);
    long outputRows = gridCount * config.streams().size();
    Timing transform = null;
    Timing baseline = null;
    Timing scan = null;
    Timing floor = null;
    if (!o.mode.equals("baseline")) {
      transform = time("transform", () -> Alignment.align(samples, grid, config).steps(), o.repeat);
    }
    if (!o.mode.equals("transform")) {
      baseline = time("baseline", () -> WindowBaseline.align(spark, samples, grid, config), o.repeat);
    }
    if (o.floor) {
      scan = time("scan", () -> samples, o.repeat);
      floor = time("floor", () -> samples.repartition(col("episode_id"), col("stream"), col("ts_ns"))
          .sortWithinPartitions("episode_id", "stream", "ts_ns"), o.repeat);
    }
    System.out
        .println("| implementation | wall s | CPU s | samples/s per core (wall) | samples per CPU-s | output rows |");
    System.out.println("|---|---|---|---|---|---|");
    report("bucketed sort-merge transform", transform, sampleCount, cores, outputRows);
    report("Tempo-style window baseline", baseline, sampleCount, cores, outputRows);
    report("scan only", scan, sampleCount, cores, sampleCount);
    report("floor: scan + exchange + sort, no alignment", floor, sampleCount, cores, sampleCount);
    if (transform != null && baseline != null) {
      System.out.printf(Locale.ROOT, "speed-up: %.1fx wall, %.1fx CPU%n", baseline.wall / transform.wall,
          baseline.cpu / transform.cpu);
    }
    if (transform != null && floor != null) {
      System.out.printf(Locale.ROOT, "transform / floor: %.2fx wall, %.2fx CPU%n", transform.wall / floor.wall,
          transform.cpu / floor.cpu);
    }
    if (o.verify) {
      verify(Alignment.align(samples, grid, config).steps(), WindowBaseline.align(spark, samples, grid, config));
    }
    spark.stop();
  }

  /** The fastest run by wall time, and the CPU seconds of that run. */
  private record Timing(double wall, double cpu) {}

  private static Timing time(String name, java.util.function.Supplier<Dataset<Row>> steps, int repeat) {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Timing best = null;
    for (int i = 0; i < repeat; i++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      steps.get().write().format("noop").mode(SaveMode.Overwrite).save();
      Timing run = new Timing((System.nanoTime() - t0) / 1e9, (os.getProcessCpuTime() - cpu0) / 1e9);
      System.out.printf(Locale.ROOT, "  %s run %d: %.1f s wall, %.1f s CPU%n", name, i + 1, run.wall, run.cpu);
      best = best == null || run.wall < best.wall ? run : best;
    }
    return best;
  }

  private static void report(String name, Timing t, long samples, int cores, long outputRows) {
    if (t != null) {
      System.out.printf(Locale.ROOT, "| %s | %.1f | %.1f | %,.0f | %,.0f | %,d |%n", name, t.wall, t.cpu,
          samples / t.wall / cores, samples / t.cpu, outputRows);
    }
  }

  private static void verify(Dataset<Row> transform, Dataset<Row> baseline) {
    Dataset<Row> a = transform.alias("a");
    Dataset<Row> b = baseline.alias("b");
    Dataset<Row> joined = a.join(b, a.col("episode_id").equalTo(b.col("episode_id"))
        .and(a.col("step_index").equalTo(b.col("step_index"))).and(a.col("stream").equalTo(b.col("stream"))),
        "full_outer");
    long differing = joined.filter("a.episode_id IS NULL OR b.episode_id IS NULL OR a.valid <> b.valid "
        + "OR NOT (a.values <=> b.values) OR NOT (a.staleness_ns <=> b.staleness_ns) "
        + "OR NOT (a.source_seq <=> b.source_seq)").count();
    System.out.printf(Locale.ROOT, "verify: %,d differing rows between transform and baseline%n", differing);
  }

  private record Options(double hours, int episodes, String mode, String master, int jointWidth,
      double bucketSeconds, int partitions, String work, boolean regenerate, boolean verify, boolean floor,
      int repeat) {
    static Options parse(String[] args) {
      double hours = 1;
      int episodes = 1;
      String mode = "both";
      String master = "local[2]";
      int jointWidth = 75;
      double bucketSeconds = 60;
      int partitions = 16;
      String work = "/tmp/curate-align-bench";
      boolean regenerate = false;
      boolean verify = false;
      boolean floor = false;
      int repeat = 2;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--hours" -> hours = Double.parseDouble(args[++i]);
          case "--episodes" -> episodes = Integer.parseInt(args[++i]);
          case "--mode" -> mode = args[++i];
          case "--master" -> master = args[++i];
          case "--joint-width" -> jointWidth = Integer.parseInt(args[++i]);
          case "--bucket-s" -> bucketSeconds = Double.parseDouble(args[++i]);
          case "--partitions" -> partitions = Integer.parseInt(args[++i]);
          case "--work" -> work = args[++i];
          case "--regenerate" -> regenerate = true;
          case "--verify" -> verify = true;
          case "--floor" -> floor = true;
          case "--repeat" -> repeat = Integer.parseInt(args[++i]);
          default -> throw new IllegalArgumentException("Unknown option " + args[i]
              + "; see the AlignBenchmark class comment for options");
        }
      }
      if (!mode.equals("both") && !mode.equals("transform") && !mode.equals("baseline")) {
        throw new IllegalArgumentException("--mode must be both, transform or baseline, got " + mode);
      }
      return new Options(hours, episodes, mode, master, jointWidth, bucketSeconds, partitions, work, regenerate,
          verify, floor, repeat);
    }
  }
}
