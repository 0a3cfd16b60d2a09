package ai.curate.transforms.retarget;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code silver.human_clip_metrics}: one row per clip of bronze.human_clips, the retargeting quality numbers pooled
 * over the clip's retargeted hand-frames from {@code silver.human_timesteps}' per-hand details. Pooling from frames
 * (not from per-chunk summaries) makes them independent of chunking; for an unchunked single-hand clip they equal the
 * retargeting module's clip summary (HandClipMetrics). A clip without pose rows has {@code frames = 0} and null metrics.
 */
public final class ClipMetrics {
  private ClipMetrics() {}

  static final String[] KEY = {"capture_date", "dataset", "clip_id"};

  public static Dataset<Row> perClip(Dataset<Row> timesteps, Dataset<Row> clips) {
    Dataset<Row> frames = timesteps.groupBy(col("capture_date"), col("dataset"), col("clip_id")).agg(
        expr("count(*)").as("frames"),
        expr("sum(CAST(exists(hands, h -> h.present) AS INT))").as("frames_with_hand"),
        expr("sum(CAST(NOT converged AS INT))").as("frames_not_converged"));
    Dataset<Row> hands = timesteps.select(col("capture_date"), col("dataset"), col("clip_id"),
        expr("explode(hands)").as("h"))
        .groupBy(col("capture_date"), col("dataset"), col("clip_id")).agg(
            expr("count_if(h.present)").as("hand_frames"),
            expr("avg(h.keypoint_confidence_mean)").as("keypoint_confidence_mean"),
            overPresent("avg", "h.vector_error_mm").as("vector_error_mm_mean"),
            expr("percentile(IF(h.present, h.vector_error_mm, NULL), 0.95)").as("vector_error_mm_p95"),
            overPresent("max", "h.vector_error_mm").as("vector_error_mm_max"),
            overPresent("avg", "h.solver_vector_error_mm").as("solver_vector_error_mm_mean"),
            expr("sum(IF(h.present, h.saturated_joints, NULL)) / sum(IF(h.present, h.solved_joints, NULL))")
                .as("limit_saturation_fraction"),
            overPresent("sum", "h.velocity_violations").as("velocity_violations"),
            expr("sqrt(sum(h.jerk_square_sum) / sum(IF(h.jerk_square_sum IS NOT NULL, h.solved_joints, NULL)))")
                .as("jerk_rms"),
            expr("count_if(h.present AND h.jump)").as("jump_count"),
            overPresent("avg", "h.iterations").as("iterations_mean"),
            overPresent("max", "h.iterations").as("iterations_max"),
            overPresent("avg", "CAST(h.converged AS DOUBLE)").as("convergence_rate"),
            expr("count_if(h.arm_solved)").as("arm_frames"),
            expr("avg(IF(h.arm_solved, h.arm_position_error_mm, NULL))").as("arm_position_error_mm_mean"),
            expr("avg(IF(h.arm_solved, CAST(h.arm_converged AS DOUBLE), NULL))").as("arm_convergence_rate"));
    return clips.select(col("capture_date"), col("dataset"), col("clip_id"))
        .join(frames, KEY, "left")
        .join(hands, KEY, "left")
        .select(col("capture_date"), col("dataset"), col("clip_id"),
            zero("frames"), zero("frames_with_hand"), zero("hand_frames"), zero("frames_not_converged"),
            col("keypoint_confidence_mean"), col("vector_error_mm_mean"), col("vector_error_mm_p95"),
            col("vector_error_mm_max"), col("solver_vector_error_mm_mean"), col("limit_saturation_fraction"),
            zero("velocity_violations"), col("jerk_rms"), zero("jump_count"), col("iterations_mean"),
            col("iterations_max"), col("convergence_rate"), zero("arm_frames"), col("arm_position_error_mm_mean"),
            col("arm_convergence_rate"));
  }

  /**
   * {@code fn} of {@code value} over the hand-frames where the hand was found: a frame without the hand has no solve,
   * so its fields do not count.
   */
  private static Column overPresent(String fn, String value) {
    return expr(fn + "(IF(h.present, " + value + ", NULL))");
  }

  private static Column zero(String name) {
    return coalesce(col(name).cast("long"), lit(0L)).as(name);
  }
}
