package ai.curate.jobs.publish;

import ai.curate.jobs.align.AlignStage;
import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.human.HumanIngestStage;
import ai.curate.jobs.sample.SampleFixture;
import ai.curate.jobs.sample.SampleGenerator;
import ai.curate.jobs.sample.SampleOptions;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.tables.DeltaTableWriter;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import ai.curate.retargeting.urdf.UrdfParser;
import ai.curate.transforms.gold.QualityFixtures;
import ai.curate.transforms.gold.QualityFixtures.Verdict;
import ai.curate.transforms.gold.SilverFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Upstream tables for publish tests, built once per JVM: the generator's clean sample for two dates through the real
 * ingest-fleet, align and ingest-human stages; silver.human_timesteps in the docs/tables.md shape for the ingested
 * clips (the retarget stage is built elsewhere); gold.quality_report and gold.quarantine rows of the shape the quality
 * stage writes, with the first episode of {@link #D1} quarantined and the second warned. Each test publishes into its
 * own copy of that warehouse.
 */
final class PublishFixture {
  static final LocalDate D1 = SampleFixture.DATE;
  static final LocalDate D2 = D1.plusDays(1);

  private static Path template;
  private static Path raw;
  private static RuntimeException failure;

  private PublishFixture() {}

  static List<String> jointNames() {
    return UrdfParser.parse(SampleFixture.neoUrdf()).actuatedJointNames();
  }

  /** A fresh copy of the upstream warehouse in {@code dir}, and a config over it. */
  static CurateConfig warehouse(SparkSession spark, Path dir) {
    Path source = template(spark);
    Path wh = dir.resolve("wh");
    copyTree(source, wh);
    return config(dir, wh, Map.of());
  }

  /** A session-catalog config over {@code wh}, small gold files, plus {@code extra} settings. */
  static CurateConfig config(Path dir, Path wh, Map<String, ?> extra) {
    return ConfigFixtures.session(raw, wh, dir.resolve("scratch"))
        .set("publish.robot_urdf", SampleFixture.neoUrdf())
        .set("publish.target_file_size_mb", 0.25)
        .setAll(extra)
        .load(dir);
  }

  private static synchronized Path template(SparkSession spark) {
    if (template != null) {
      return template;
    }
    if (failure != null) {
      throw new IllegalStateException("building the upstream tables failed before: " + failure, failure);
    }
    try {
      template = build(spark);
    } catch (RuntimeException e) {
      failure = e;
      throw e;
    }
    return template;
  }

  private static Path build(SparkSession spark) {
    Path root = SampleFixture.tempDir("curate-publish-upstream");
    raw = root.resolve("raw");
    Path wh = root.resolve("wh");
    CurateConfig config = config(root, wh, Map.of());
    long seed = 21;
    for (LocalDate date : List.of(D1, D2)) {
      new SampleGenerator()
          .generate(new SampleOptions(raw, date, date.equals(D1) ? 2 : 1, 1, seed++, SampleFixture.SESSION_MINUTES,
              SampleFixture.CLIP_SECONDS, false, SampleFixture.neoUrdf(), 2));
      StageContext ctx = new StageContext(spark, config, date, "upstream-" + date);
      new FleetIngestStage().run(ctx);
      new AlignStage().run(ctx);
      new HumanIngestStage().run(ctx);
      writeHumanSilver(spark, ctx.writer(), date, seed++);
      writeQuality(spark, ctx.writer(), wh, date, date.equals(D1));
    }
    return wh;
  }

  private static void writeHumanSilver(SparkSession spark, DeltaTableWriter writer, LocalDate date, long seed) {
    List<Row> clips = read(spark, writer, Tables.HUMAN_CLIPS).where(TableId.datePredicate(date))
        .select("clip_id", "dataset").orderBy("clip_id").collectAsList();
    List<SilverFixtures.HumanClip> silver = new ArrayList<>();
    int joints = jointNames().size();
    for (Row c : clips) {
      silver.add(new SilverFixtures.HumanClip(date, c.getString(0), c.getString(1), 45, joints, 22, Set.of(9), seed++));
    }
    writer.replaceSlice(Tables.HUMAN_TIMESTEPS, SilverFixtures.human(spark, silver), TableId.datePredicate(date),
        "retarget-" + date);
  }

  /** Quality rows for every robot episode and human clip of the date. */
  static void writeQuality(SparkSession spark, DeltaTableWriter writer, Path wh, LocalDate date, boolean faults) {
    List<Verdict> verdicts = episodeVerdicts(read(spark, writer, Tables.ROBOT_EPISODES), date, faults);
    verdicts.addAll(clipVerdicts(read(spark, writer, Tables.HUMAN_CLIPS), date));
    writeQuality(spark, writer, date, verdicts);
  }

  /**
   * A verdict per (robot_id, session_id, episode_id) of {@code episodes} (a table with those columns) on the date, in
   * id order; with {@code faults} the first is quarantined and the second warned.
   */
  static List<Verdict> episodeVerdicts(Dataset<Row> episodes, LocalDate date, boolean faults) {
    List<Row> ids = episodes.where(TableId.datePredicate(date)).select("robot_id", "session_id", "episode_id")
        .distinct().orderBy("episode_id", "robot_id", "session_id").collectAsList();
    List<Verdict> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      Row r = ids.get(i);
      out.add(Verdict.episode(date, r.getString(0), r.getString(1), r.getString(2), faults && i == 0,
          faults && i == 1));
    }
    return out;
  }

  /** A passing verdict per (dataset, clip_id) of bronze.human_clips on the date. */
  static List<Verdict> clipVerdicts(Dataset<Row> clips, LocalDate date) {
    List<Verdict> out = new ArrayList<>();
    for (Row c : clips.where(TableId.datePredicate(date)).select("dataset", "clip_id").orderBy("clip_id", "dataset")
        .collectAsList()) {
      out.add(Verdict.clip(date, c.getString(0), c.getString(1), false, false));
    }
    return out;
  }

  static void writeQuality(SparkSession spark, DeltaTableWriter writer, LocalDate date, List<Verdict> verdicts) {
    String slice = TableId.datePredicate(date);
    writer.replaceSlice(Tables.QUALITY_REPORT, QualityFixtures.report(spark, verdicts), slice, "quality-" + date);
    writer.replaceSlice(Tables.QUARANTINE, QualityFixtures.quarantine(spark, verdicts), slice, "quality-" + date);
    writeGate(spark, writer, date, "quality-run", true);
  }

  /** The date's gold.quality_runs rows (the columns publish reads): one per entity type, of run {@code runId}. */
  static void writeGate(SparkSession spark, DeltaTableWriter writer, LocalDate date, String runId, boolean open) {
    org.apache.spark.sql.types.StructType schema = org.apache.spark.sql.types.StructType
        .fromDDL("capture_date DATE, entity_type STRING, gate_open BOOLEAN, gate_message STRING, run_id STRING");
    java.sql.Date d = java.sql.Date.valueOf(date);
    String message = open ? null : "1 of 2 failed the fail rule";
    List<Row> rows = List.of(org.apache.spark.sql.RowFactory.create(d, "clip", open, message, runId),
        org.apache.spark.sql.RowFactory.create(d, "episode", open, message, runId));
    writer.replaceSlice(Tables.QUALITY_RUNS, spark.createDataFrame(rows, schema), TableId.datePredicate(date),
        runId + "-" + date);
  }

  static Dataset<Row> read(SparkSession spark, DeltaTableWriter writer, TableId table) {
    return spark.read().format("delta").load(writer.location(table));
  }

  private static void copyTree(Path from, Path to) {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
