package ai.curate.jobs.retarget;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import ai.curate.transforms.retarget.ClipMetrics;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.stages.CountingStage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.Tables;
import ai.curate.retargeting.retarget.HandSpec;
import ai.curate.retargeting.retarget.RetargetConfig;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;

/**
 * Stage {@code retarget}: the human clips of one date in Neo's joint space. Reads {@code bronze.human_poses} (one row
 * per valid pose line) with its clip's {@code keypoint_frame} and {@code T_head_camera} from
 * {@code bronze.human_clips}; groups by clip, sorts by frame and streams each clip on an executor through
 * {@link ChunkedClipRetargeter} (the retargeting module's {@code ClipRetargeter} in overlapping chunks, plus arm IK
 * for camera-frame keypoints). Writes {@code silver.human_timesteps} (exactly one row per pose row in) and
 * {@code silver.human_clip_metrics} (one row per clip of bronze.human_clips, pooled from the frames), each by
 * replacing the date's slice.
 */
public final class RetargetStage extends CountingStage {
  public static final String NAME = "retarget";

  public RetargetStage() {
    super(NAME);
  }

  @Override
  protected void run(StageContext ctx, StageResult.Builder result) {
    CurateConfig.RetargetStageConfig settings = ctx.config().retarget();
    RobotConfigSource.Loaded robot = RobotConfigSource.read(robotConfigPath(settings.robotConfig()));
    String armBase = ArmSolver.supports(robot.config(), settings.armBaseLink()) ? settings.armBaseLink() : null;

    Dataset<Row> clips = ctx.readSlice(Tables.HUMAN_CLIPS)
        .select(col("dataset"), col("clip_id"), col("keypoint_frame"), col("t_head_camera"));
    Dataset<Row> poses = ctx.readSlice(Tables.HUMAN_POSES);
    Dataset<Row> primary = primarySides(poses, robot.config());
    Dataset<Row> input = poses
        .join(clips, new String[] {"dataset", "clip_id"}, "left")
        .join(primary, new String[] {"dataset", "clip_id"}, "left")
        .select(java.util.Arrays.stream(HumanTimestepRows.INPUT).map(c -> col(c)).toArray(Column[]::new));

    ClipFunction function = new ClipFunction(robot.source(), settings.chunkFrames(), settings.overlapFrames(), armBase);
    Dataset<Row> timesteps = ctx.withRunMetadata(input
        .groupByKey((org.apache.spark.api.java.function.MapFunction<Row, String>) r -> r.getString(1) + "\u0000"
            + r.getString(2), Encoders.STRING())
        .flatMapSortedGroups(new Column[] {col("frame_index")}, function, Encoders.row(HumanTimestepRows.SCHEMA)),
        "retargeted_at");
    ctx.replaceSlice(Tables.HUMAN_TIMESTEPS, timesteps);

    Dataset<Row> written = ctx.readSlice(Tables.HUMAN_TIMESTEPS);
    Dataset<Row> metrics = ctx.withRunMetadata(
        ClipMetrics.perClip(written, ctx.readSlice(Tables.HUMAN_CLIPS)), "computed_at");
    ctx.replaceSlice(Tables.HUMAN_CLIP_METRICS, metrics);

    long framesIn = poses.count();
    Row counts = written.agg(
        expr("count(*)"),
        expr("count(DISTINCT dataset, clip_id)"),
        expr("coalesce(sum(CAST(exists(hands, h -> h.present) AS INT)), 0)"),
        expr("coalesce(sum(size(filter(hands, h -> h.present))), 0)"),
        expr("coalesce(sum(CAST(NOT converged AS INT)), 0)"),
        expr("coalesce(sum(size(filter(hands, h -> h.arm_solved))), 0)")).first();
    long rowsOut = counts.getLong(0);
    if (rowsOut != framesIn) {
      throw new IllegalStateException("retarget wrote " + rowsOut + " rows for " + framesIn + " pose frames of "
          + ctx.date() + "; every pose frame must have exactly one row");
    }
    result.count("clips", counts.getLong(1))
        .count("frames_in", framesIn)
        .count("rows_out", rowsOut)
        .count("frames_with_hand", counts.getLong(2))
        .count("hand_frames", counts.getLong(3))
        .count("frames_not_converged", counts.getLong(4))
        .count("arm_frames", counts.getLong(5));
  }

  /** Relative paths resolve against the installation folder ({@code curate.home}), else the working directory. */
  public static Path robotConfigPath(String configured) {
    return ai.curate.jobs.config.InstallPaths.resolve(configured);
  }

  /**
   * Per clip, the configured hand seen in the most pose frames (ties: the first configured hand): the hand a row's
   * {@code hand_side} and {@code keypoints} describe. A clip without any configured hand has none.
   */
  private static Dataset<Row> primarySides(Dataset<Row> poses, RetargetConfig config) {
    List<String> sides = config.hands().stream().map(HandSpec::side).toList();
    StringBuilder order = new StringBuilder("CASE side");
    for (int i = 0; i < sides.size(); i++) {
      order.append(" WHEN '").append(sides.get(i)).append("' THEN ").append(i);
    }
    order.append(" END");
    String inList = String.join(", ", sides.stream().map(s -> "'" + s + "'").toList());
    return poses.select(col("dataset"), col("clip_id"), expr("explode(array_distinct(transform(hands, h -> h.side)))")
        .as("side"))
        .where("side IN (" + inList + ")")
        .groupBy("dataset", "clip_id", "side").count()
        .withColumn("rank", expr(order.toString()))
        .groupBy("dataset", "clip_id")
        .agg(expr("min_by(side, struct(-count, rank))").as("primary_side"));
  }
}
