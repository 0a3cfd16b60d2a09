package ai.curate.transforms.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Robot episodes and human clips in one timestep schema ({@link GoldSchemas#TIMESTEPS}).
 *
 * <ul>
 *   <li>fleet: silver.robot_timesteps as is; {@code joint_mask} all true where a joint state exists.</li>
 *   <li>human: silver.human_timesteps; {@code episode_id} is the clip id; no velocity, effort, wrench or tactile
 *       (null, their validity false); the one video is camera {@value GoldColumns#HUMAN_CAMERA}. The
 *       {@code action} of a step is the retargeted {@code joint_position} of the next step of the same clip and
 *       hand when that step is the next video frame (the pose the demonstrator reached one frame later: an
 *       absolute joint-position target, as fleet commands are); null on the last step and before a frame without
 *       a pose; {@code joint_mask} applies to it as well.</li>
 * </ul>
 * Pure: no IO; split and quality are joined in by {@link #curate}.
 */
public final class GoldTimesteps {
  private GoldTimesteps() {}

  /** silver.robot_timesteps to the unified columns (no split, quality or run id yet). */
  public static Dataset<Row> fromRobot(Dataset<Row> robot) {
    SilverInputs.requireRobotTimesteps(robot.schema());
    return robot.select(
        lit(GoldColumns.FLEET).as(GoldColumns.SOURCE),
        col("capture_date"),
        col("episode_id"),
        col("step_index").cast(DataTypes.IntegerType).as(GoldColumns.STEP_INDEX),
        col("ts_ns").cast(DataTypes.LongType).as(GoldColumns.TS_NS),
        col("session_id"),
        col("robot_id"),
        lit(null).cast(DataTypes.StringType).as(GoldColumns.DATASET),
        floats("joint_position"),
        floats("joint_velocity"),
        floats("joint_effort"),
        expr("transform(joint_position, x -> true)").as(GoldColumns.JOINT_MASK),
        floats("action"),
        floats("wrench_left"),
        floats("wrench_right"),
        floats("tactile_left"),
        floats("tactile_right"),
        col("camera_frame_index").cast(GoldSchemas.TIMESTEPS.apply(GoldColumns.CAMERA_FRAME_INDEX).dataType())
            .as(GoldColumns.CAMERA_FRAME_INDEX),
        flag("joint_state_valid"),
        flag("action_valid"),
        flag("wrench_left_valid"),
        flag("wrench_right_valid"),
        flag("tactile_left_valid"),
        flag("tactile_right_valid"),
        flag("cameras_valid"),
        lit(null).cast(DataTypes.StringType).as(GoldColumns.HAND_SIDE),
        lit(null).cast(GoldSchemas.POINTS).as(GoldColumns.KEYPOINTS),
        lit(null).cast(DataTypes.FloatType).as(GoldColumns.KEYPOINT_CONFIDENCE_MEAN),
        lit(null).cast(DataTypes.FloatType).as(GoldColumns.RETARGET_ERROR_MM),
        lit(null).cast(DataTypes.FloatType).as(GoldColumns.RETARGET_LIMIT_SATURATION),
        lit(null).cast(DataTypes.BooleanType).as(GoldColumns.RETARGET_CONVERGED));
  }

  /** silver.human_timesteps to the unified columns (no split, quality or run id yet). */
  public static Dataset<Row> fromHuman(Dataset<Row> human) {
    SilverInputs.requireHumanTimesteps(human.schema());
    WindowSpec sameHand = Window.partitionBy(col("capture_date"), col("dataset"), col("clip_id"), col("hand_side"))
        .orderBy(col("step_index"));
    // Adjacent in the video, not merely the next pose: across a frame without a pose there is no one-frame action.
    Column nextIsAdjacent = lead(col("frame_index"), 1).over(sameHand).equalTo(col("frame_index").plus(1));
    Column action = when(nextIsAdjacent, lead(col("joint_position"), 1).over(sameHand));
    Column noFloats = lit(null).cast(GoldSchemas.FLOATS);
    return human
        .withColumn("__action", action)
        .select(
            lit(GoldColumns.HUMAN).as(GoldColumns.SOURCE),
            col("capture_date"),
            col("clip_id").as(GoldColumns.EPISODE_ID),
            col("step_index").cast(DataTypes.IntegerType).as(GoldColumns.STEP_INDEX),
            col("ts_ns").cast(DataTypes.LongType).as(GoldColumns.TS_NS),
            lit(null).cast(DataTypes.StringType).as(GoldColumns.SESSION_ID),
            lit(null).cast(DataTypes.StringType).as(GoldColumns.ROBOT_ID),
            col("dataset"),
            floats("joint_position"),
            noFloats.as(GoldColumns.JOINT_VELOCITY),
            noFloats.as(GoldColumns.JOINT_EFFORT),
            col("joint_mask").cast(GoldSchemas.BOOLEANS).as(GoldColumns.JOINT_MASK),
            col("__action").cast(GoldSchemas.FLOATS).as(GoldColumns.ACTION),
            noFloats.as(GoldColumns.WRENCH_LEFT),
            noFloats.as(GoldColumns.WRENCH_RIGHT),
            noFloats.as(GoldColumns.TACTILE_LEFT),
            noFloats.as(GoldColumns.TACTILE_RIGHT),
            when(col("frame_index").isNotNull(),
                map(lit(GoldColumns.HUMAN_CAMERA), col("frame_index").cast(DataTypes.IntegerType)))
                .as(GoldColumns.CAMERA_FRAME_INDEX),
            col("joint_position").isNotNull().as(GoldColumns.JOINT_STATE_VALID),
            col("__action").isNotNull().as(GoldColumns.ACTION_VALID),
            lit(false).as(GoldColumns.WRENCH_LEFT_VALID),
            lit(false).as(GoldColumns.WRENCH_RIGHT_VALID),
            lit(false).as(GoldColumns.TACTILE_LEFT_VALID),
            lit(false).as(GoldColumns.TACTILE_RIGHT_VALID),
            col("frame_index").isNotNull().as(GoldColumns.CAMERAS_VALID),
            col("hand_side"),
            col("keypoints").cast(GoldSchemas.POINTS).as(GoldColumns.KEYPOINTS),
            col("keypoint_confidence_mean").cast(DataTypes.FloatType).as(GoldColumns.KEYPOINT_CONFIDENCE_MEAN),
            col("vector_error_mm").cast(DataTypes.FloatType).as(GoldColumns.RETARGET_ERROR_MM),
            col("limit_saturation").cast(DataTypes.FloatType).as(GoldColumns.RETARGET_LIMIT_SATURATION),
            col("converged").as(GoldColumns.RETARGET_CONVERGED));
  }

  /** Both sources in one Dataset (by column name). */
  public static Dataset<Row> unify(Dataset<Row> robot, Dataset<Row> human) {
    return fromRobot(robot).unionByName(fromHuman(human));
  }

  /**
   * The published steps: unified steps of the entities that passed quality ({@link QualityVerdicts}, matched on the
   * whole identity, {@link GoldEntities#KEY}), with their split and quality scores, in {@link GoldSchemas#TIMESTEPS}
   * order; {@code run_id} is the given run.
   */
  public static Dataset<Row> curate(Dataset<Row> unified, Dataset<Row> verdicts, DeterministicSplit split,
      String runId) {
    List<Column> picked = new ArrayList<>(List.of(GoldEntities.columns()));
    picked.add(col(GoldColumns.QUALITY_SCORES));
    Dataset<Row> passed = verdicts.filter(col(GoldColumns.PASSED)).select(picked.toArray(new Column[0]));
    Dataset<Row> published = GoldEntities.join(unified, passed, "inner", true)
        .withColumn(GoldColumns.SPLIT, split.column(col(GoldColumns.EPISODE_ID)))
        .withColumn(GoldColumns.RUN_ID, lit(runId));
    return GoldSchemas.conform(published, GoldSchemas.TIMESTEPS);
  }

  private static Column floats(String name) {
    return col(name).cast(GoldSchemas.FLOATS).as(name);
  }

  private static Column flag(String name) {
    return coalesce(col(name), lit(false)).as(name);
  }
}
