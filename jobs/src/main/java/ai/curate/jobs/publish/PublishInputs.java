package ai.curate.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ai.curate.jobs.config.InstallPaths;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import ai.curate.retargeting.urdf.UrdfParser;
import ai.curate.transforms.align.RobotEpisodes;
import ai.curate.transforms.gold.FeatureLayout;
import ai.curate.transforms.gold.GoldColumns;
import ai.curate.transforms.gold.GoldEntities;
import ai.curate.transforms.gold.QualityVerdicts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;

/**
 * What publish reads, and the gates it must pass before writing anything. Every input is read at one pinned Delta
 * version, recorded in {@link #versions()} (gold.episodes.input_versions), so a table committed to meanwhile does not
 * change what this run publishes.
 */
final class PublishInputs {
  private final TableReader reader;
  private final LocalDate date;
  private final Map<String, Long> versions = new TreeMap<>();

  PublishInputs(StageContext ctx) {
    this.reader = ctx.tables();
    this.date = ctx.date();
  }

  /** Qualified table name to the version read, for the tables this run publishes from. */
  Map<String, Long> versions() {
    return versions;
  }

  /** The date's rows of a table at its current version (recorded); null when the table does not exist. */
  Dataset<Row> pinned(TableId table) {
    if (!reader.exists(table)) {
      return null;
    }
    long version = reader.version(table);
    versions.put(table.qualified(), version);
    return reader.readDateAt(table, date, version);
  }

  /** {@link #pinned} when the table has rows for the date; otherwise null, and not recorded as an input. */
  Dataset<Row> pinnedWithRows(TableId table) {
    Dataset<Row> rows = pinned(table);
    if (rows != null && rows.limit(1).count() > 0) {
      return rows;
    }
    versions.remove(table.qualified());
    return null;
  }

  /**
   * The quality verdicts of the date (quality first: nothing is published that quality has not passed). Fails when
   * quality has not run for the date or its gate is closed.
   */
  Dataset<Row> verdicts() {
    Dataset<Row> report = pinned(Tables.QUALITY_REPORT);
    Dataset<Row> quarantine = pinned(Tables.QUARANTINE);
    if (report == null || quarantine == null || report.limit(1).count() == 0) {
      throw CurateErrors.earlierStageMissing("quality has not run for " + date
          + " (gold.quality_report has no rows for it)", "curate run --date " + date + " --stages quality");
    }
    requireGateOpen(report, quarantine);
    return QualityVerdicts.of(report, quarantine);
  }

  /**
   * The gate opens only for the quality run whose verdicts publish reads: the date's {@code gold.quality_runs} rows
   * must exist, all be open, and belong to the same run as every verdict in the pinned report and quarantine slices.
   * A missing row is a closed gate (quality never finished for the date, or its row was deleted), and verdicts of
   * another run than the gate row (quality failed between its commits, or a row was rewritten) are refused, so
   * neither a crash nor an edit of one table can reopen a closed gate.
   */
  private void requireGateOpen(Dataset<Row> report, Dataset<Row> quarantine) {
    Dataset<Row> runs = pinned(Tables.QUALITY_RUNS);
    List<Row> gate = runs == null
        ? List.of()
        : runs.select("entity_type", "gate_open", "gate_message", "run_id").orderBy("entity_type").collectAsList();
    if (gate.isEmpty()) {
      throw CurateErrors.gateRowMissing(date);
    }
    for (Row r : gate) {
      if (!r.getBoolean(1)) {
        throw CurateErrors.publishGateClosed(date, r.getString(0), r.getString(2));
      }
    }
    java.util.Set<String> gateRuns = new java.util.TreeSet<>();
    gate.forEach(r -> gateRuns.add(r.getString(3)));
    java.util.Set<String> verdictRuns = new java.util.TreeSet<>();
    report.select("run_id").union(quarantine.select("run_id")).distinct().limit(10).collectAsList()
        .forEach(r -> verdictRuns.add(r.getString(0)));
    if (gateRuns.size() != 1 || !gateRuns.equals(verdictRuns)) {
      throw CurateErrors.gateRunMismatch(date, gateRuns, verdictRuns);
    }
  }

  /**
   * Every silver entity of the date must have a quality verdict: one without means silver changed after quality
   * ran (or quality ran before retarget), and publishing would silently drop it.
   *
   * @return the number of silver entities (episodes and clips)
   */
  long requireScored(Dataset<Row> unified, Dataset<Row> verdicts) {
    // Whole identities (GoldEntities.KEY): a verdict for another session's episode of the same id covers nothing.
    Dataset<Row> entities = unified.select(GoldEntities.columns()).distinct().cache();
    try {
      Dataset<Row> unscored = GoldEntities.join(entities, verdicts.select(GoldEntities.columns()), "left_anti", true);
      long missing = unscored.count();
      if (missing > 0) {
        List<String> examples = unscored.orderBy(GoldEntities.columns()).limit(3).collectAsList().stream()
            .map(PublishInputs::describe).toList();
        throw CurateErrors.earlierStageMissing("quality results for " + date + " do not cover " + missing + " of "
            + entities.count() + " silver episodes/clips (e.g. " + String.join(", ", examples)
            + "; silver was rewritten after quality ran?)", "curate run --date " + date + " --stages quality");
      }
      return entities.count();
    } finally {
      entities.unpersist();
    }
  }

  /** fleet/robot/session/episode or human/dataset/clip: a key row of {@link GoldEntities#KEY} as a reader names it. */
  private static String describe(Row key) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < key.size(); i++) {
      if (!key.isNullAt(i)) {
        parts.add(key.getString(i));
      }
    }
    return String.join("/", parts);
  }

  /**
   * Silver arrays are in the manifest's joint order; feature stats name elements by the robot model's joints. A
   * session whose joint_state stream lists other joints (or another order) would get wrong names: refuse it.
   */
  void checkJointOrder(FeatureLayout layout) {
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

  /** The robot model's actuated joints, in order: the names of gold.feature_stats' array elements. */
  static List<String> jointNames(String urdf) {
    Path file = InstallPaths.resolve(urdf);
    if (!Files.isRegularFile(file)) {
      throw CurateErrors.configuredFileMissing("publish.robot_urdf", "robot model", file.normalize(),
          "it names the joints of gold.feature_stats");
    }
    return UrdfParser.parse(file).actuatedJointNames();
  }

  /**
   * Task, prompt, success and raw path per entity ({@link GoldEntities#KEY}; fleet: bronze.events + sessions, human:
   * bronze.human_clips).
   */
  Dataset<Row> metadata() {
    Dataset<Row> out = null;
    Dataset<Row> events = pinned(Tables.EVENTS);
    Dataset<Row> sessions = pinned(Tables.SESSIONS);
    if (events != null && sessions != null) {
      out = RobotEpisodes.fromEvents(events, sessions)
          .join(sessions.select(col("robot_id").as("__rid"), col("session_id").as("__sid"),
              col("source_path").as("raw_path")),
              col("robot_id").equalTo(col("__rid")).and(col("session_id").equalTo(col("__sid"))), "left")
          .select(lit(GoldColumns.FLEET).as(GoldColumns.SOURCE), col("robot_id").as(GoldColumns.ROBOT_ID),
              col("session_id").as(GoldColumns.SESSION_ID), lit(null).cast("string").as(GoldColumns.DATASET),
              col("episode_id").as(GoldColumns.EPISODE_ID), col("task"), col("prompt"), col("success"),
              col("raw_path"));
    }
    Dataset<Row> clips = pinned(Tables.HUMAN_CLIPS);
    if (clips != null) {
      Dataset<Row> human = clips.select(lit(GoldColumns.HUMAN).as(GoldColumns.SOURCE),
          lit(null).cast("string").as(GoldColumns.ROBOT_ID), lit(null).cast("string").as(GoldColumns.SESSION_ID),
          col("dataset").as(GoldColumns.DATASET), col("clip_id").as(GoldColumns.EPISODE_ID), col("task"), col("prompt"),
          lit(null).cast("boolean").as("success"), col("source_path").as("raw_path"));
      out = out == null ? human : out.unionByName(human);
    }
    if (out == null) {
      return SparkSession.active().createDataFrame(List.of(), new StructType()
          .add(GoldColumns.SOURCE, "string").add(GoldColumns.ROBOT_ID, "string").add(GoldColumns.SESSION_ID, "string")
          .add(GoldColumns.DATASET, "string").add(GoldColumns.EPISODE_ID, "string").add("task", "string")
          .add("prompt", "string").add("success", "boolean").add("raw_path", "string"));
    }
    // One row per entity even if an identity repeats (it should not): the smallest raw path wins, deterministically.
    List<Column> picked = new ArrayList<>(List.of(GoldEntities.columns()));
    picked.addAll(List.of(col("m.task"), col("m.prompt"), col("m.success"), col("m.raw_path")));
    return out.groupBy(GoldEntities.columns()).agg(
        functions.min(functions.struct(col("raw_path"), col("task"), col("prompt"), col("success"))).as("m"))
        .select(picked.toArray(new Column[0]));
  }
}
