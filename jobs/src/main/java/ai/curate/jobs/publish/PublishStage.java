package ai.curate.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ai.curate.jobs.align.RobotEpisodes;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.stages.Stage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.DeltaTableWriter;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import ai.curate.retargeting.urdf.UrdfParser;
import ai.curate.transforms.gold.DeterministicSplit;
import ai.curate.transforms.gold.EpisodeRollup;
import ai.curate.transforms.gold.FeatureLayout;
import ai.curate.transforms.gold.FeatureStatistics;
import ai.curate.transforms.gold.GoldColumns;
import ai.curate.transforms.gold.GoldSchemas;
import ai.curate.transforms.gold.GoldTimesteps;
import ai.curate.transforms.gold.QualityVerdicts;
import ai.curate.transforms.gold.SplitFractions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code publish}: the quality-passed robot episodes and human clips of one date into {@code gold.timesteps},
 * {@code gold.episodes} and {@code gold.feature_stats} (docs/tables.md).
 *
 * <p>Every input is read at one pinned Delta version (recorded in {@code gold.episodes.input_versions}). Each table
 * gets one commit that replaces exactly the date's partitions of the sources published (replaceWhere on
 * {@code capture_date} and {@code source}), with the run id as commit metadata; runs for different dates touch
 * disjoint partitions and commit concurrently. Episodes and statistics are computed from the timesteps as committed
 * (read back at their version), so their counts agree with gold.timesteps by construction. A failure between two
 * commits leaves the earlier tables at the new run and the later ones at the previous run: each table stays readable,
 * {@code curate manifest} refuses the mixed date, and a rerun completes it.
 *
 * <p>gold.timesteps files: range-partitioned by (source, date, episode) into about {@code target_file_size_mb}
 * files, each sorted by episode and step, so a file holds whole episodes and its episode_id min/max statistics are
 * disjoint from its neighbours' (clustered by episode, what Z-ordering on one column gives).
 */
public final class PublishStage implements Stage {
  public static final String NAME = "publish";
  private static final Logger LOG = LoggerFactory.getLogger(PublishStage.class);

  /** Called after each table's commit; tests inject failures here. */
  @FunctionalInterface
  public interface CommitListener {
    void committed(TableId table, long version);
  }

  private final CommitListener listener;

  public PublishStage() {
    this((table, version) -> {});
  }

  public PublishStage(CommitListener listener) {
    this.listener = listener;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public StageResult run(StageContext ctx) {
    StageResult.Builder result = StageResult.builder(NAME);
    SparkSession spark = ctx.spark();
    CurateConfig.PublishConfig settings = ctx.config().publish();
    String warehouse = ctx.config().paths().warehouse();
    TableReader reader = new TableReader(spark, warehouse);
    DeltaTableWriter writer = ctx.writer();
    LocalDate date = ctx.date();
    Map<String, Long> versions = new TreeMap<>();

    // Quality first: nothing is published that quality has not passed.
    Dataset<Row> report = pinned(reader, Tables.QUALITY_REPORT, date, versions);
    Dataset<Row> quarantine = pinned(reader, Tables.QUARANTINE, date, versions);
    if (report == null || quarantine == null || report.limit(1).count() == 0) {
      throw CurateErrors.earlierStageMissing("quality has not run for " + date
          + " (gold.quality_report has no rows for it)", "curate run --date " + date + " --stages quality");
    }
    requireGateOpen(reader, date);
    Dataset<Row> verdicts = QualityVerdicts.of(report, quarantine).cache();
    try {
      FeatureLayout layout = new FeatureLayout(jointNames(settings.robotUrdf()));

      Dataset<Row> robot = pinned(reader, Tables.ROBOT_TIMESTEPS, date, versions);
      Dataset<Row> human = pinned(reader, Tables.HUMAN_TIMESTEPS, date, versions);
      boolean fleet = robot != null && robot.limit(1).count() > 0;
      boolean humans = human != null && human.limit(1).count() > 0;
      if (!fleet) {
        versions.remove(Tables.ROBOT_TIMESTEPS.qualified());
      }
      if (!humans) {
        versions.remove(Tables.HUMAN_TIMESTEPS.qualified());
      }
      if (!fleet && !humans) {
        throw CurateErrors.nothingToDo("nothing to publish for " + date + ": silver.robot_timesteps and silver.human_timesteps "
            + "have no rows for it (run `curate run --date " + date + " --stages align` and/or `--stages retarget`)");
      }
      if (!humans) {
        LOG.warn("publish {}: silver.human_timesteps has no rows for this date; publishing fleet only (human "
            + "partitions of gold are left as they are; run retarget, then publish again)", date);
      }
      if (fleet) {
        checkJointOrder(reader, date, layout);
      }
      List<String> sources = new ArrayList<>();
      Dataset<Row> unified = null;
      if (fleet) {
        sources.add(GoldColumns.FLEET);
        unified = GoldTimesteps.fromRobot(robot);
      }
      if (humans) {
        sources.add(GoldColumns.HUMAN);
        Dataset<Row> h = GoldTimesteps.fromHuman(human);
        unified = unified == null ? h : unified.unionByName(h);
      }
      String slice = ctx.dateSlice() + " AND " + GoldColumns.SOURCE + " IN ("
          + sources.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")) + ")";

      long silverEntities = requireScored(unified, verdicts, date);

      // gold.timesteps
      DeterministicSplit split = new DeterministicSplit(new SplitFractions(settings.split().train(),
          settings.split().val(), settings.split().test()), settings.splitSalt());
      Dataset<Row> curated = GoldTimesteps.curate(unified, verdicts, split, ctx.runId());
      long inputBytes = (fleet ? sliceBytes(spark, robot, date) : 0) + (humans ? sliceBytes(spark, human, date) : 0);
      int files = fileCount(inputBytes, settings.targetFileSizeMb());
      Dataset<Row> laidOut = curated
          .repartitionByRange(files, col(GoldColumns.SOURCE), col(GoldColumns.CAPTURE_DATE), col(GoldColumns.EPISODE_ID))
          .sortWithinPartitions(GoldColumns.SOURCE, GoldColumns.CAPTURE_DATE, GoldColumns.EPISODE_ID,
              GoldColumns.STEP_INDEX);
      long timestepsVersion = write(writer, GoldTables.TIMESTEPS, laidOut, slice, ctx.runId());
      Dataset<Row> published = spark.read().format("delta").option("versionAsOf", timestepsVersion)
          .load(writer.location(Tables.TIMESTEPS)).where(slice);

      // gold.episodes
      Dataset<Row> episodes = GoldEpisodes.of(EpisodeRollup.of(published), metadata(reader, date, versions),
          verdicts, versions, CodeVersion.current(), ctx.runId());
      long episodesVersion = write(writer, GoldTables.EPISODES, episodes, slice, ctx.runId());

      // gold.feature_stats (small: sources x features x elements)
      Dataset<Row> stats = FeatureStatistics.compute(published, layout,
              List.of(GoldColumns.SOURCE, GoldColumns.CAPTURE_DATE))
          .withColumn(GoldColumns.RUN_ID, lit(ctx.runId()));
      stats = GoldSchemas.conform(stats, GoldSchemas.FEATURE_STATS).cache();
      try {
        List<Row> unnamed = stats.where(col("element").isNull()).select("source", "feature", "element_index")
            .limit(5).collectAsList();
        if (!unnamed.isEmpty()) {
          throw CurateErrors.robotModelMismatch(date, "feature arrays are longer than the robot model's "
              + layout.jointNames().size() + " joints (" + settings.robotUrdf() + ", publish.robot_urdf), e.g. "
              + unnamed + "; point publish.robot_urdf at the model the data was recorded with");
        }
        long statsVersion = write(writer, GoldTables.FEATURE_STATS, stats, slice, ctx.runId());

        Row e = spark.read().format("delta").option("versionAsOf", episodesVersion)
            .load(writer.location(Tables.EPISODES)).where(slice)
            .agg(org.apache.spark.sql.functions.count(lit(1)), org.apache.spark.sql.functions.sum("step_count")).first();
        long statsRows = spark.read().format("delta").option("versionAsOf", statsVersion)
            .load(writer.location(Tables.FEATURE_STATS)).where(slice).count();
        long scored = verdicts.count();
        long passed = verdicts.where(col(GoldColumns.PASSED)).count();
        result.count("silver_entities", silverEntities)
            .count("scored", scored)
            .count("quarantined", scored - passed)
            .count("episodes", e.getLong(0))
            .count("timesteps", e.isNullAt(1) ? 0 : e.getLong(1))
            .count("feature_stats", statsRows)
            .count("files", files)
            .count("human_silver_missing", humans ? 0 : 1);
      } finally {
        stats.unpersist();
      }
    } finally {
      verdicts.unpersist();
    }
    return result.build();
  }

  private long write(DeltaTableWriter writer, GoldTables.Spec spec, Dataset<Row> rows, String slice, String runId) {
    writer.ensureTable(spec.table(), spec.schema(), GoldTables.PARTITIONS, GoldTables.PROPERTIES);
    long version = writer.replaceSlice(spec.table(), rows, slice, GoldTables.PARTITIONS, runId);
    listener.committed(spec.table(), version);
    return version;
  }

  /** The date's rows of a table at its current version (recorded in {@code versions}); null when it does not exist. */
  static Dataset<Row> pinned(TableReader reader, TableId table, LocalDate date, Map<String, Long> versions) {
    if (!reader.exists(table)) {
      return null;
    }
    long version = reader.version(table);
    versions.put(table.qualified(), version);
    return reader.readAt(table, version).where("capture_date = DATE'" + date + "'");
  }

  /**
   * Every silver entity of the date must have a quality verdict: one without means silver changed after quality
   * ran (or quality ran before retarget), and publishing would silently drop it.
   */
  private static long requireScored(Dataset<Row> unified, Dataset<Row> verdicts, LocalDate date) {
    Dataset<Row> entities = unified.select(col(GoldColumns.SOURCE), col(GoldColumns.EPISODE_ID)).distinct().cache();
    try {
      Dataset<Row> unscored = entities.join(verdicts, new String[] {GoldColumns.SOURCE, GoldColumns.EPISODE_ID},
          "left_anti");
      long missing = unscored.count();
      if (missing > 0) {
        List<String> examples = unscored.orderBy(GoldColumns.SOURCE, GoldColumns.EPISODE_ID).limit(3).collectAsList()
            .stream().map(r -> r.getString(0) + "/" + r.getString(1)).toList();
        throw CurateErrors.earlierStageMissing("quality results for " + date + " do not cover " + missing + " of "
            + entities.count() + " silver episodes/clips (e.g. " + String.join(", ", examples)
            + "; silver was rewritten after quality ran?)", "curate run --date " + date + " --stages quality");
      }
      return entities.count();
    } finally {
      entities.unpersist();
    }
  }

  /** Task, prompt, success and raw path per episode (fleet: bronze.events + sessions; human: bronze.human_clips). */
  private static Dataset<Row> metadata(TableReader reader, LocalDate date, Map<String, Long> versions) {
    Dataset<Row> out = null;
    Dataset<Row> events = pinned(reader, Tables.EVENTS, date, versions);
    Dataset<Row> sessions = pinned(reader, Tables.SESSIONS, date, versions);
    if (events != null && sessions != null) {
      Dataset<Row> fleet = RobotEpisodes.fromEvents(events, sessions)
          .join(sessions.select(col("session_id").as("__sid"), col("source_path").as("raw_path")),
              col("session_id").equalTo(col("__sid")), "left")
          .select(lit(GoldColumns.FLEET).as(GoldColumns.SOURCE), col("episode_id").as(GoldColumns.EPISODE_ID),
              col("task"), col("prompt"), col("success"), col("raw_path"));
      out = fleet;
    }
    Dataset<Row> clips = pinned(reader, Tables.HUMAN_CLIPS, date, versions);
    if (clips != null) {
      Dataset<Row> human = clips.select(lit(GoldColumns.HUMAN).as(GoldColumns.SOURCE),
          col("clip_id").as(GoldColumns.EPISODE_ID), col("task"), col("prompt"),
          lit(null).cast("boolean").as("success"), col("source_path").as("raw_path"));
      out = out == null ? human : out.unionByName(human);
    }
    if (out == null) {
      return SparkSession.active().createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
          .add(GoldColumns.SOURCE, "string").add(GoldColumns.EPISODE_ID, "string").add("task", "string")
          .add("prompt", "string").add("success", "boolean").add("raw_path", "string"));
    }
    // One row per episode even if an id repeats (it should not): the smallest raw path wins, deterministically.
    return out.groupBy(GoldColumns.SOURCE, GoldColumns.EPISODE_ID).agg(
        org.apache.spark.sql.functions.min(org.apache.spark.sql.functions.struct(col("raw_path"), col("task"),
            col("prompt"), col("success"))).as("m"))
        .select(col(GoldColumns.SOURCE), col(GoldColumns.EPISODE_ID), col("m.task"), col("m.prompt"),
            col("m.success"), col("m.raw_path"));
  }

  /**
   * Silver arrays are in the manifest's joint order; feature stats name elements by the robot model's joints. A
   * session whose joint_state stream lists other joints (or another order) would get wrong names: refuse it.
   */
  private static void checkJointOrder(TableReader reader, LocalDate date, FeatureLayout layout) {
    if (!reader.exists(Tables.SESSIONS)) {
      return;
    }
    List<Row> orders = reader.readDate(Tables.SESSIONS, date)
        .selectExpr("explode(streams) AS s").where("s.kind IN ('joint_state', 'joint_command')")
        .selectExpr("s.joint_names AS names").distinct().limit(10).collectAsList();
    for (Row r : orders) {
      List<String> names = r.getList(0);
      if (!names.equals(layout.jointNames())) {
        throw CurateErrors.robotModelMismatch(date, "a session's joint streams list " + names.size() + " joints "
            + "that are not the robot model's " + layout.jointNames().size() + " actuated joints in order "
            + "(publish.robot_urdf); gold.feature_stats would name them wrongly");
      }
    }
  }

  static List<String> jointNames(String urdf) {
    Path file = ai.curate.jobs.config.InstallPaths.resolve(urdf);
    if (!Files.isRegularFile(file)) {
      throw CurateErrors.configuredFileMissing("publish.robot_urdf", "robot model", file.normalize(),
          "it names the joints of gold.feature_stats");
    }
    return UrdfParser.parse(file).actuatedJointNames();
  }

  /** Bytes of the live files of a date-filtered Delta read that lie in that date's partition folder. */
  static long sliceBytes(SparkSession spark, Dataset<Row> slice, LocalDate date) {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String marker = "/capture_date=" + date + "/";
    long bytes = 0;
    try {
      for (String f : slice.inputFiles()) {
        if (f.contains(marker)) {
          org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(f);
          FileSystem fs = p.getFileSystem(hadoop);
          bytes += fs.getFileStatus(p).getLen();
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes;
  }

  /** Files for {@code bytes} of input at the target size: at least one. */
  static int fileCount(long bytes, double targetFileSizeMb) {
    double target = targetFileSizeMb * 1024 * 1024;
    return (int) Math.max(1, Math.min(100_000, Math.ceil(bytes / target)));
  }

  /**
   * A quality run whose {@code fail} rule closed the gate stops the pipeline before publish; this also refuses a later
   * manual {@code --stages publish} of that date until quality is rerun and passes.
   */
  private static void requireGateOpen(TableReader reader, LocalDate date) {
    if (!reader.exists(Tables.QUALITY_RUNS)) {
      return;
    }
    for (Row r : reader.readDate(Tables.QUALITY_RUNS, date).where("NOT gate_open")
        .select("entity_type", "gate_message").limit(5).collectAsList()) {
      throw CurateErrors.publishGateClosed(date, r.getString(0), r.getString(1));
    }
  }
}
