package ai.curate.jobs.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;

import ai.curate.jobs.align.AlignStage;
import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.human.HumanIngestStage;
import ai.curate.jobs.quality.QualityStage;
import ai.curate.jobs.sample.SampleGenerator;
import ai.curate.jobs.sample.SampleOptions;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import ai.curate.jobs.view.EpisodeView;
import ai.curate.jobs.view.ViewEntity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * {@code curate view} on a 2-hour episode (docs/benchmarks.md, "Episode page"): size and build time of its page.
 *
 * <pre>
 * bin/bench view [--hours 2] [--master local[2]] [--work /tmp/curate-view-bench] [--rounds 3]
 * </pre>
 *
 * <p>The sample generator cuts sessions into episodes of a few seconds, so a 2-hour episode is made from a real one:
 * the faulty sample (seed 11) runs through ingest, align and quality once (kept under {@code --work}), then the
 * episode with the frozen joint has its aligned steps repeated, shifted in step index and time, until it lasts
 * {@code --hours} at its own rate (216,000 steps for 2 hours at 30 Hz), written as a new episode of
 * silver.robot_timesteps and silver.robot_episodes with the original's quality report rows. The page is then built
 * from the tables as {@code curate view} builds it (verdict, span replay over every step, downsampled plots, tactile
 * strips, thumbnails); the fastest round counts.
 */
public final class ViewBenchmark {
  private static final LocalDate DATE = LocalDate.parse("2026-01-15");
  private static final String SUFFIX = "-long";

  private ViewBenchmark() {}

  public static void main(String[] args) throws IOException {
    double hours = 2;
    String master = "local[2]";
    Path work = Path.of("/tmp/curate-view-bench");
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--hours" -> hours = Double.parseDouble(args[++i]);
        case "--master" -> master = args[++i];
        case "--work" -> work = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> {
          System.err.println("usage: ViewBenchmark [--hours H] [--master URL] [--work DIR] [--rounds N]");
          System.exit(2);
        }
      }
    }
    Path raw = work.resolve("raw");
    Path warehouse = work.resolve("warehouse");
    Path project = Path.of(System.getProperty("curate.project.dir", ".")).toAbsolutePath();
    CurateConfig cfg = ConfigFixtures.session(raw, warehouse, work.resolve("scratch")).set("spark.master", master)
        .set("spark.sql.shuffle.partitions", 4).set("spark.ui.enabled", false)
        .set("quality.robot_rules", project.resolve("configs/quality/robot.yaml"))
        .set("quality.human_rules", project.resolve("configs/quality/human.yaml"))
        .set("quality.robot_urdf", project.resolve("configs/robots/neo/neo.urdf")).load(work);
    try (SparkSession spark = SparkSessions.create(cfg)) {
      TableReader tables = new TableReader(spark, warehouse.toString());
      if (!tables.exists(Tables.QUALITY_REPORT)) {
        long t0 = System.nanoTime();
        new SampleGenerator().generate(new SampleOptions(raw, DATE, 1, 1, 11, 0.2, 3.0, true,
            project.resolve("configs/robots/neo/neo.urdf"), 2));
        StageContext ctx = new StageContext(spark, cfg, DATE, "run-bench");
        new FleetIngestStage().run(ctx);
        new HumanIngestStage().run(ctx);
        new AlignStage().run(ctx);
        new QualityStage().run(ctx);
        System.out.printf(Locale.ROOT, "faulty sample through ingest, align and quality in %.0f s%n",
            (System.nanoTime() - t0) / 1e9);
      }
      Row frozen = tables.readDate(Tables.QUALITY_REPORT, DATE)
          .where("rule = 'frozen_joint_state' AND NOT passed AND entity_id NOT LIKE '%" + SUFFIX + "'").first();
      ViewEntity source = new ViewEntity("episode", frozen.getAs("entity_id"), frozen.getAs("robot_id"),
          frozen.getAs("session_id"), null);
      ViewEntity longEpisode = new ViewEntity("episode", source.id() + SUFFIX, source.robotId(), source.sessionId(),
          null);
      long steps = lengthen(spark, tables, source, longEpisode, hours);

      EpisodeView view = new EpisodeView(spark, cfg, DATE);
      double best = Double.MAX_VALUE;
      int bytes = 0;
      for (int r = 1; r <= rounds; r++) {
        long t0 = System.nanoTime();
        String html = view.render(longEpisode, List.of());
        double s = (System.nanoTime() - t0) / 1e9;
        bytes = html.getBytes(StandardCharsets.UTF_8).length;
        Files.writeString(work.resolve(longEpisode.fileName()), html);
        System.out.printf(Locale.ROOT, "round %d: page of a %.1f-hour episode (%,d steps) built in %.1f s, %,d bytes%n",
            r, hours, steps, s, bytes);
        best = Math.min(best, s);
      }
      System.out.printf(Locale.ROOT, "view: %.1f-hour episode, %,d steps: page %,d bytes (%.2f MB), best of %d rounds "
          + "%.1f s; master %s; page at %s%n", hours, steps, bytes, bytes / 1e6, rounds, best, master,
          work.resolve(longEpisode.fileName()));
    }
  }

  /** Writes the long copy of {@code source} unless it is there already; returns its step count. */
  private static long lengthen(SparkSession spark, TableReader tables, ViewEntity source, ViewEntity target,
      double hours) {
    String mine = "episode_id = '" + target.id() + "'";
    Dataset<Row> existing = tables.readDate(Tables.ROBOT_TIMESTEPS, DATE).where(mine);
    long have = existing.count();
    if (have > 0) {
      return have;
    }
    String src = "robot_id = '" + source.robotId() + "' AND session_id = '" + source.sessionId()
        + "' AND episode_id = '"
        + source.id() + "'";
    Dataset<Row> steps = tables.readDate(Tables.ROBOT_TIMESTEPS, DATE).where(src);
    Row span = steps.selectExpr("count(*)", "min(ts_ns)", "max(ts_ns)").first();
    long n = span.getLong(0);
    long period = (span.getLong(2) - span.getLong(1)) / Math.max(1, n - 1);
    long tileNs = period * n;
    int copies = (int) Math.ceil(hours * 3600e9 / tileNs);
    Dataset<Row> tiled = steps.withColumn("__k", explode(sequence(lit(0), lit(copies - 1))))
        .withColumn("step_index", col("step_index").plus(col("__k").multiply(n)).cast("int"))
        .withColumn("ts_ns", col("ts_ns").plus(col("__k").cast("long").multiply(tileNs)))
        .withColumn("episode_id", lit(target.id())).drop("__k");
    tiled.write().format("delta").mode(SaveMode.Append).save(Tables.ROBOT_TIMESTEPS.location(tables.warehouse()));
    Dataset<Row> episode = tables.readDate(Tables.ROBOT_EPISODES, DATE).where(src)
        .withColumn("episode_id", lit(target.id())).withColumn("step_count", lit(n * copies))
        .withColumn("end_ns", col("start_ns").plus(lit(tileNs * copies)))
        .withColumn("duration_ns", lit(tileNs * copies));
    episode.write().format("delta").mode(SaveMode.Append).save(Tables.ROBOT_EPISODES.location(tables.warehouse()));
    Dataset<Row> report = tables.readDate(Tables.QUALITY_REPORT, DATE)
        .where("entity_type = 'episode' AND robot_id = '" + source.robotId() + "' AND session_id = '"
            + source.sessionId() + "' AND entity_id = '" + source.id() + "'")
        .withColumn("entity_id", concat(col("entity_id"), lit(SUFFIX)));
    report.write().format("delta").mode(SaveMode.Append).save(Tables.QUALITY_REPORT.location(tables.warehouse()));
    return n * copies;
  }
}
