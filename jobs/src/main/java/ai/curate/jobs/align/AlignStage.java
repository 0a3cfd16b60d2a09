package ai.curate.jobs.align;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import ai.curate.transforms.align.RobotTimesteps;
import ai.curate.transforms.align.RobotSamples;
import ai.curate.transforms.align.RobotEpisodes;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.stages.CountingStage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.Tables;
import ai.curate.transforms.align.Alignment;
import ai.curate.transforms.align.AlignmentConfig;
import ai.curate.transforms.align.AlignmentGrids;
import ai.curate.transforms.align.AlignmentPivot;
import ai.curate.transforms.align.AlignmentResult;
import ai.curate.transforms.align.ClockOffsets;
import ai.curate.transforms.align.EpisodeKeys;
import ai.curate.transforms.align.EpisodeSamples;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Stage {@code align}: bronze fleet streams of one date to {@code silver.robot_timesteps} (one row per step of each
 * episode's grid, every modality on the robot clock) and {@code silver.robot_episodes} (one row per episode with its
 * bounds, step count and per-stream input statistics). IO only; the logic is in {@link RobotEpisodes},
 * {@link RobotSamples}, {@link RobotTimesteps} and the transforms module's alignment.
 */
public final class AlignStage extends CountingStage {
  public static final String NAME = "align";

  public AlignStage() {
    super(NAME);
  }

  @Override
  protected void run(StageContext ctx, StageResult.Builder result) {
    CurateConfig.AlignConfig settings = ctx.config().align();

    Dataset<Row> sessions = ctx.readSlice(Tables.SESSIONS);
    Dataset<Row> episodes = RobotEpisodes.fromEvents(ctx.readSlice(Tables.EVENTS), sessions).cache();
    // The alignment transforms group by one column: hand them the full identity as a key, split it back after.
    Dataset<Row> keyed = EpisodeKeys.keyed(episodes);
    Dataset<Row> frames = ctx.readSlice(Tables.CAMERA_FRAMES);

    Map<String, Double> cameraFps = cameraFrameRates(sessions);
    AlignmentConfig config = AlignmentSettings.from(settings, cameraFps);

    Dataset<Row> grid;
    if (settings.fixedRateHz() > 0) {
      grid = AlignmentGrids.fixedRate(keyed, settings.fixedRateHz());
    } else {
      if (!cameraFps.containsKey(settings.gridCamera()) && !cameraFps.isEmpty()) {
        throw CurateErrors.gridCameraMissing(settings.gridCamera(), ctx.date(), cameraFps.keySet());
      }
      Dataset<Row> gridFrames = ClockOffsets.applyColumn(
          frames.where(col("camera").equalTo(settings.gridCamera()).and(col("capture_ts_ns").isNotNull()))
              .select(col("robot_id"), col("session_id"), col("capture_ts_ns").as("ts_ns"), col("clock_offset_ns")));
      grid = AlignmentGrids.fromFrameTimes(gridFrames, keyed, EpisodeKeys.SESSION);
    }

    Dataset<Row> sessionSamples = RobotSamples.jointStates(ctx.readSlice(Tables.JOINT_STATES))
        .unionByName(RobotSamples.jointCommands(ctx.readSlice(Tables.JOINT_COMMANDS)))
        .unionByName(RobotSamples.wrenches(ctx.readSlice(Tables.WRENCHES)))
        .unionByName(RobotSamples.tactile(ctx.readSlice(Tables.TACTILE)))
        .unionByName(RobotSamples.cameraFrames(frames));
    Dataset<Row> samples = EpisodeSamples.assign(ClockOffsets.applyColumn(sessionSamples), keyed, EpisodeKeys.SESSION,
        config);

    AlignmentResult aligned = Alignment.align(samples, grid, config).persist();
    try {
      Dataset<Row> wide = EpisodeKeys.split(AlignmentPivot.wide(aligned.steps(), config.streams()), episodes);
      List<String> cameras = new ArrayList<>(cameraFps.keySet());
      Dataset<Row> timesteps = RobotTimesteps.toSilver(wide, episodes, cameras, ctx.runId());
      ctx.replaceSlice(Tables.ROBOT_TIMESTEPS, timesteps);

      Dataset<Row> stats = EpisodeKeys.split(aligned.streamStats().groupBy("episode_id").agg(collect_list(struct(
          col("stream"), col("samples"), col("missing_samples"), col("duplicate_samples"), col("out_of_order_pairs")))
          .as("stream_stats")), episodes);
      Dataset<Row> steps = EpisodeKeys.split(grid.groupBy("episode_id").agg(count(lit(1)).as("step_count")), episodes);
      scala.collection.Seq<String> byEpisode = scala.collection.JavaConverters.asScalaBuffer(EpisodeKeys.EPISODE)
          .toSeq();
      // The columns in the order the table has always had (a join on episode_id alone put it first).
      List<org.apache.spark.sql.Column> columns = new ArrayList<>(List.of(col("episode_id")));
      for (String c : episodes.columns()) {
        if (!c.equals("episode_id")) {
          columns.add(col(c));
        }
      }
      columns.addAll(List.of(col("step_count"), col("stream_stats")));
      Dataset<Row> episodeRows = episodes
          .join(steps, byEpisode, "left")
          .join(stats, byEpisode, "left")
          .select(columns.toArray(new org.apache.spark.sql.Column[0]))
          .withColumn("step_count", org.apache.spark.sql.functions.coalesce(col("step_count"), lit(0L)))
          .withColumn("duration_ns", col("end_ns").minus(col("start_ns")))
          .withColumn("grid", lit(
              settings.fixedRateHz() > 0 ? "fixed_rate:" + settings.fixedRateHz() : "camera:" + settings.gridCamera()))
          .withColumn("run_id", lit(ctx.runId()));
      ctx.replaceSlice(Tables.ROBOT_EPISODES, episodeRows);

      Row counts = ctx.readSlice(Tables.ROBOT_EPISODES)
          .agg(count(lit(1)), org.apache.spark.sql.functions.sum("step_count"),
              org.apache.spark.sql.functions
                  .sum(org.apache.spark.sql.functions.when(col("step_count").equalTo(0), 1).otherwise(0)))
          .first();
      result.count("episodes", counts.getLong(0))
          .count("timesteps", counts.isNullAt(1) ? 0 : counts.getLong(1))
          .count("episodes_without_steps", counts.isNullAt(2) ? 0 : counts.getLong(2));
    } finally {
      aligned.unpersist();
      episodes.unpersist();
    }
  }

  /** Camera name -> frame rate from the manifests (bounded by the number of camera names, not by data). */
  static Map<String, Double> cameraFrameRates(Dataset<Row> sessions) {
    Map<String, Double> fps = new TreeMap<>();
    for (Row r : sessions.select(explode(col("cameras")).as("c"))
        .groupBy(col("c.name").as("name")).agg(min(col("c.fps")).as("fps")).collectAsList()) {
      // The slowest rate's half period is the widest "nearest frame" tolerance that is still right for every session.
      fps.put(r.getString(0), r.isNullAt(1) ? 30.0 : r.getDouble(1));
    }
    return fps;
  }
}
