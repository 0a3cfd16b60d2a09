package ai.curate.jobs.clips;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.conv;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;

import ai.curate.jobs.fleet.FleetSchemas;
import ai.curate.jobs.fleet.VideoPaths;
import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.ledger.IngestErrorLedger;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.Encoders;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Exports one date of gold as training clips (docs/clips.md): reads the published steps of the selected sources
 * and splits with their episode's task and camera videos, hash-partitions them by episode (a fixed number of
 * episodes per task), and runs a {@link ClipTask} per partition, which writes the tar shards; then replaces the
 * date's rows of {@code gold.clips} for this export (root, profile, sources, splits) in one commit and removes the
 * shards the new index no longer names. A date whose inputs (the profile and every selected episode's publish
 * run) are those of its last export, with every shard present, is skipped: reruns are incremental.
 */
public final class ClipExport {
  /** What to export: the root folder (any Hadoop file system), the profile, and which sources and splits. */
  public record Request(String out, ClipProfile profile, List<String> sources, List<String> splits) {
    public Request {
      sources = List.copyOf(sources);
      splits = List.copyOf(splits);
    }
  }

  /** The version of the output's layout and encoding: a new one makes every date's export out of date. */
  private static final String FORMAT = "clips-1";

  private ClipExport() {}

  /** Exports {@code ctx.date()}; adds the counts to {@code result}. */
  public static void run(StageContext ctx, Request request, ClipSettings settings, boolean force,
      StageResult.Builder result) {
    ClipProfile profile = request.profile();
    String out = qualified(ctx, request.out());
    if (!ctx.tables().exists(Tables.EPISODES) || !ctx.tables().exists(Tables.TIMESTEPS)) {
      throw ai.curate.jobs.errors.CurateErrors.earlierStageMissing("gold.episodes and gold.timesteps do not exist"
          + " in " + ctx.config().paths().warehouse(), "publish");
    }
    Dataset<Row> episodes = select(ctx.readSlice(Tables.EPISODES), request);
    Dataset<Row> withVideos = withVideos(ctx, episodes, profile);
    Inputs inputs = inputs(withVideos, profile, settings);
    String fingerprint = inputs.fingerprint();
    String scope = scope(out, profile, request);
    String ledgerStage = ledgerStage(profile, scope);

    if (!force && upToDate(ctx, scope, fingerprint, out, ledgerStage)) {
      result.count("episodes", 0).count("clips", 0).count("up_to_date", 1);
      return;
    }

    Dataset<Row> steps = steps(ctx, request, withVideos);
    long episodeCount = inputs.episodes();
    int partitions = (int) Math.max(1, Math.min(100_000, (episodeCount + settings.episodesPerTask() - 1)
        / settings.episodesPerTask()));
    // By session (a human clip is its own): a session's episodes share its camera videos, which one task then
    // decodes forward once for all of them.
    Dataset<Row> sorted = steps.repartition(partitions, col("source"), col("robot_id"), coalesce(col("session_id"),
        concat_ws("/", col("dataset"), col("episode_id"))))
        .sortWithinPartitions(col("source"), col("robot_id"), col("session_id"), col("dataset"),
            col(ClipColumns.EPISODE_START), col("episode_id"), col("step_index"));

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    CollectionAccumulator<IngestError> errors = ctx.spark().sparkContext().collectionAccumulator("clip errors");
    CollectionAccumulator<ClipTask.Counts> counts = ctx.spark().sparkContext().collectionAccumulator("clip counts");
    Broadcast<SerializableConfiguration> conf = jsc.broadcast(
        new SerializableConfiguration(ctx.spark().sparkContext().hadoopConfiguration()));
    ClipTask.Settings task = new ClipTask.Settings(profile, out, ctx.date().toString(), settings.shardBytes(),
        settings.jointNames(), ctx.config().paths().warehouse(), ctx.config().paths().scratch(), fingerprint);
    Dataset<Row> index;
    try {
      index = sorted.mapPartitions(
          (org.apache.spark.api.java.function.MapPartitionsFunction<Row, Row>) rows -> {
            TaskContext tc = TaskContext.get();
            try (ClipTask t = new ClipTask(task, conf.value().value(), tc == null ? 0 : tc.partitionId(),
                errors::add)) {
              List<Row> written = t.run(rows);
              counts.add(t.counts());
              return written.iterator();
            }
          }, Encoders.row(ClipColumns.CLIPS));
      ctx.replaceSlice(Tables.CLIPS, ctx.withRunMetadata(index, "exported_at"), scope);
    } finally {
      conf.destroy();
    }

    List<IngestError> failures = new ArrayList<>(new LinkedHashSet<>(errors.value()));
    failures.sort(Comparator.comparing((IngestError e) -> String.valueOf(e.sourcePath()))
        .thenComparing(IngestError::message));
    IngestErrorLedger.replace(ctx, ledgerStage, ctx.spark().createDataFrame(
        IngestErrorLedger.toRows(failures), IngestErrorLedger.ERROR_SCHEMA));
    removeStaleShards(ctx, scope, out, profile, request);

    // One per partition: a job run again (a retried write) reports its tasks again.
    java.util.Map<Integer, ClipTask.Counts> byPartition = new java.util.TreeMap<>();
    counts.value().forEach(c -> byPartition.put(c.partition, c));
    ClipTask.Counts total = new ClipTask.Counts();
    for (ClipTask.Counts c : byPartition.values()) {
      total.episodes += c.episodes;
      total.steps += c.steps;
      total.clips += c.clips;
      total.droppedTails += c.droppedTails;
      total.droppedSteps += c.droppedSteps;
      total.failedEpisodes += c.failedEpisodes;
      total.framesDecoded += c.framesDecoded;
    }
    long indexed = ctx.readSlice(Tables.CLIPS).where(scope).count();
    result.count("episodes", episodeCount)
        .count("steps", total.steps)
        .count("clips", indexed)
        .count("dropped_tails", total.droppedTails)
        .count("dropped_steps", total.droppedSteps)
        .count("failed_episodes", total.failedEpisodes)
        .count("frames_decoded", total.framesDecoded)
        .count("ledger_errors", failures.size());
  }

  /**
   * The ledger's stage of an export: {@code export-clips:<profile>:<scope digest>}, so that exports of other
   * roots, profiles, sources or splits keep their errors.
   */
  public static String ledgerStage(ClipProfile profile, String scope) {
    return "export-clips:" + profile.name() + ":" + ClipProfile.sha256(scope).substring(0, 8);
  }

  private static Dataset<Row> select(Dataset<Row> rows, Request request) {
    Dataset<Row> out = rows;
    if (!request.sources().isEmpty()) {
      out = out.where(col("source").isin(request.sources().toArray()));
    }
    if (!request.splits().isEmpty()) {
      out = out.where(col("split").isin(request.splits().toArray()));
    }
    return out;
  }

  /**
   * The selected episodes with what a task needs of them: their start (tasks take the episodes of one video in time
   * order), task text and camera videos (a map, null when there are none).
   */
  private static Dataset<Row> withVideos(StageContext ctx, Dataset<Row> episodes, ClipProfile profile) {
    Dataset<Row> videos = episodeVideos(ctx, episodes, profile);
    return episodes.select(col("source"), col("robot_id"), col("session_id"), col("dataset"), col("episode_id"),
        col("split"), publishedFrom().as("published_from"), col("task").as(ClipColumns.TASK),
        col("start_ts_ns").as(ClipColumns.EPISODE_START))
        .join(videos, keyEquals(videos), "left")
        .drop("v_source", "v_robot_id", "v_session_id", "v_dataset", "v_episode_id");
  }

  /**
   * What an episode was published from: the Delta versions of every input publish read, the code that published it,
   * its step count and span. A republish of the same inputs by the same code gives the same value (on this warehouse
   * or another that went through the same commits); a new align, retarget, quality or ingest run changes it.
   */
  private static Column publishedFrom() {
    return concat_ws("|",
        to_json(array_sort(
            map_entries(col("input_versions")))),
        coalesce(col("code_version"), lit("")), col("step_count").cast("string"), col("start_ts_ns").cast("string"),
        col("end_ts_ns").cast("string"));
  }

  /** The published steps of the selected sources and splits, each with its episode's columns. */
  private static Dataset<Row> steps(StageContext ctx, Request request, Dataset<Row> withVideos) {
    Dataset<Row> steps = select(ctx.readSlice(Tables.TIMESTEPS), request).select(col("source"), col("capture_date"),
        col("robot_id"), col("session_id"), col("dataset"), col("episode_id"), col("split"), col("step_index"),
        col("ts_ns"), col("joint_position"), col("action"), col("joint_mask"), col("wrench_left"),
        col("wrench_right"), col("tactile_left"), col("tactile_right"), col("camera_frame_index"),
        col("joint_state_valid"), col("action_valid"), col("wrench_left_valid"), col("wrench_right_valid"),
        col("tactile_left_valid"), col("tactile_right_valid"), col("cameras_valid"));
    Dataset<Row> e = withVideos.drop("split", "published_from").withColumnRenamed("source", "e_source")
        .withColumnRenamed("robot_id", "e_robot_id").withColumnRenamed("session_id", "e_session_id")
        .withColumnRenamed("dataset", "e_dataset").withColumnRenamed("episode_id", "e_episode_id");
    return steps.join(e, steps.col("source").eqNullSafe(e.col("e_source"))
        .and(steps.col("robot_id").eqNullSafe(e.col("e_robot_id")))
        .and(steps.col("session_id").eqNullSafe(e.col("e_session_id")))
        .and(steps.col("dataset").eqNullSafe(e.col("e_dataset")))
        .and(steps.col("episode_id").eqNullSafe(e.col("e_episode_id"))), "inner")
        .drop("e_source", "e_robot_id", "e_session_id", "e_dataset", "e_episode_id");
  }

  private static Column keyEquals(Dataset<Row> videos) {
    return col("source").eqNullSafe(videos.col("v_source"))
        .and(col("robot_id").eqNullSafe(videos.col("v_robot_id")))
        .and(col("session_id").eqNullSafe(videos.col("v_session_id")))
        .and(col("dataset").eqNullSafe(videos.col("v_dataset")))
        .and(col("episode_id").eqNullSafe(videos.col("v_episode_id")));
  }

  /**
   * Per episode, camera -> video: a fleet episode's session cameras from bronze.videos ({@code video_path}: the
   * bundle's MP4 or an MCAP camera's re-muxed one), a human clip's video from bronze.human_clips, or its
   * de-identified copy (bronze.human_deidentified) when face blur made one: clips never carry the unblurred video
   * of a clip that has a blurred one.
   */
  private static Dataset<Row> episodeVideos(StageContext ctx, Dataset<Row> episodes, ClipProfile profile) {
    List<Dataset<Row>> parts = new ArrayList<>();
    Dataset<Row> keys = episodes.select(col("source").as("v_source"), col("robot_id").as("v_robot_id"),
        col("session_id").as("v_session_id"), col("dataset").as("v_dataset"), col("episode_id").as("v_episode_id"));
    if (ctx.tables().exists(Tables.VIDEOS)) {
      Dataset<Row> videos = ctx.readSlice(Tables.VIDEOS);
      String column = VideoPaths.inTable(videos) ? FleetSchemas.VIDEO_PATH : "source_path";
      // One video per session camera (the smallest path, should a rerun ever have left two): a map has one key.
      Dataset<Row> cams = videos.where(col("camera").isin(profile.cameras().toArray()).and(col(column).isNotNull()))
          .groupBy(col("robot_id").as("c_robot_id"), col("session_id").as("c_session_id"), col("camera"))
          .agg(min(col(column)).as("path"));
      parts.add(keys.where(col("v_source").equalTo("fleet"))
          .join(cams, col("v_robot_id").equalTo(col("c_robot_id")).and(col("v_session_id").equalTo(
              col("c_session_id"))))
          .groupBy("v_source", "v_robot_id", "v_session_id", "v_dataset", "v_episode_id")
          .agg(map_from_entries(collect_list(struct(col("camera"), col("path")))).as(ClipColumns.VIDEOS)));
    }
    if (ctx.tables().exists(Tables.HUMAN_CLIPS)) {
      Dataset<Row> clips = ctx.readSlice(Tables.HUMAN_CLIPS).select(col("dataset").as("h_dataset"),
          col("clip_id").as("h_clip_id"), col("video_path"));
      if (ctx.tables().exists(Tables.HUMAN_DEIDENTIFIED)) {
        Dataset<Row> deid = ctx.readSlice(Tables.HUMAN_DEIDENTIFIED).select(col("dataset").as("d_dataset"),
            col("clip_id").as("d_clip_id"), col("deidentified_path"));
        clips = clips.join(deid, col("h_dataset").equalTo(col("d_dataset")).and(col("h_clip_id").equalTo(
            col("d_clip_id"))), "left")
            .select(col("h_dataset"), col("h_clip_id"), coalesce(col("deidentified_path"), col("video_path"))
                .as("video_path"));
      }
      clips = clips.groupBy("h_dataset", "h_clip_id").agg(min("video_path")
          .as("video_path"));
      parts.add(keys.where(col("v_source").equalTo("human"))
          .join(clips, col("v_dataset").equalTo(col("h_dataset")).and(col("v_episode_id").equalTo(col("h_clip_id"))))
          .where(col("video_path").isNotNull())
          .select(col("v_source"), col("v_robot_id"), col("v_session_id"), col("v_dataset"), col("v_episode_id"),
              map(lit(ClipProfile.HUMAN_CAMERA), col("video_path")).as(ClipColumns.VIDEOS)));
    }
    if (parts.isEmpty()) {
      return keys.withColumn(ClipColumns.VIDEOS, lit(null).cast("map<string,string>")).limit(0);
    }
    Dataset<Row> all = parts.get(0);
    for (int i = 1; i < parts.size(); i++) {
      all = all.unionByName(parts.get(i));
    }
    return all;
  }

  /**
   * A digest of what the export's output depends on: the profile, the shard size and each selected episode's
   * identity and publish run (order-independent: a count and two sums of 60-bit pieces of each row's hash).
   */
  private static Inputs inputs(Dataset<Row> episodes, ClipProfile profile, ClipSettings settings) {
    Column videos = to_json(array_sort(
        map_entries(col(ClipColumns.VIDEOS))));
    Column key = sha2(concat_ws("\u0000", coalesce(col("source"), lit("")), coalesce(col("robot_id"), lit("")),
        coalesce(col("session_id"), lit("")), coalesce(col("dataset"), lit("")), col("episode_id"),
        coalesce(col("split"), lit("")), coalesce(col("published_from"), lit("")), coalesce(videos, lit(""))),
        256);
    Row agg = episodes.select(key.as("h")).agg(count(lit(1)),
        sum(conv(substring(col("h"), 1, 15), 16, 10).cast("decimal(38,0)")),
        sum(conv(substring(col("h"), 16, 15), 16, 10).cast("decimal(38,0)"))).first();
    return new Inputs(ClipProfile.sha256(FORMAT + "|" + profile.fingerprint() + "|" + settings.shardBytes() + "|"
        + settings.episodesPerTask() + "|" + ai.curate.jobs.video.VideoCodecs.h264Available() + "|"
        + System.getProperty("java.specification.version") + "|" + agg.get(0) + "|" + agg.get(1) + "|"
        + agg.get(2) + "|" + String.join(",", settings.jointNames())), ((Number) agg.get(0)).longValue());
  }

  /** The inputs' digest, and the number of selected episodes (counted by the same pass). */
  private record Inputs(String fingerprint, long episodes) {}

  /** The rows of gold.clips this export owns within the date: its root, profile, sources and splits. */
  static String scope(String out, ClipProfile profile, Request request) {
    StringBuilder s = new StringBuilder("out = " + quote(out) + " AND profile = " + quote(profile.name()));
    if (!request.sources().isEmpty()) {
      s.append(" AND source IN (").append(String.join(", ", request.sources().stream().map(ClipExport::quote)
          .toList())).append(')');
    }
    if (!request.splits().isEmpty()) {
      s.append(" AND split IN (").append(String.join(", ", request.splits().stream().map(ClipExport::quote)
          .toList())).append(')');
    }
    return s.toString();
  }

  private static String quote(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** Whether the date's last export in {@code scope} had these inputs and every shard it names is there. */
  private static boolean upToDate(StageContext ctx, String scope, String fingerprint, String out,
      String ledgerStage) {
    if (!ctx.tables().exists(Tables.CLIPS)) {
      return false;
    }
    // An export that left errors is done again: the ledger tells the user to fix the video and rerun.
    if (ctx.tables().exists(Tables.INGEST_ERRORS) && !ctx.readSlice(Tables.INGEST_ERRORS)
        .where(col(IngestErrorLedger.STAGE_COLUMN).equalTo(ledgerStage)).isEmpty()) {
      return false;
    }
    Dataset<Row> rows = ctx.readSlice(Tables.CLIPS).where(scope);
    // A handful of rows: the distinct fingerprints and shards of one date's export.
    List<Row> prints = rows.select("inputs_fingerprint").distinct().limit(2).collectAsList();
    if (prints.size() != 1 || !fingerprint.equals(prints.get(0).getString(0))) {
      return false;
    }
    Configuration conf = ctx.spark().sparkContext().hadoopConfiguration();
    try {
      for (Row r : rows.select("shard").distinct().collectAsList()) {
        Path shard = new Path(out, r.getString(0));
        if (!shard.getFileSystem(conf).exists(shard)) {
          return false;
        }
      }
    } catch (IOException e) {
      return false;
    }
    return true;
  }

  /** Deletes the shards (and left-over temporary files) of this export's folders that gold.clips does not name. */
  private static void removeStaleShards(StageContext ctx, String scope, String out, ClipProfile profile,
      Request request) {
    Set<String> named = new HashSet<>();
    for (Row r : ctx.readSlice(Tables.CLIPS).where(scope).select("shard").distinct().collectAsList()) {
      named.add(r.getString(0));
    }
    Configuration conf = ctx.spark().sparkContext().hadoopConfiguration();
    List<String> sources = request.sources().isEmpty() ? List.of("fleet", "human") : request.sources();
    List<String> splits = request.splits().isEmpty() ? List.of("train", "val", "test") : request.splits();
    try {
      for (String source : sources) {
        for (String split : splits) {
          String folder = ClipTask.folder(profile.name(), source, split, ctx.date().toString());
          Path dir = new Path(out, folder);
          FileSystem fs = dir.getFileSystem(conf);
          if (!fs.exists(dir)) {
            continue;
          }
          for (FileStatus f : fs.listStatus(dir)) {
            if (!named.contains(folder + "/" + f.getPath().getName())) {
              fs.delete(f.getPath(), false);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove stale clip shards under " + out + ": " + e.getMessage(), e);
    }
  }

  /** {@code out} as a fully qualified URI (a relative local path against the working folder). */
  private static String qualified(StageContext ctx, String out) {
    try {
      Path p = new Path(out);
      return p.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration()).makeQualified(p).toString();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the export folder " + out + ": " + e.getMessage(), e);
    }
  }
}
