package ai.curate.jobs.quality;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import ai.curate.jobs.tables.Tables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.JavaConverters;

/**
 * The human entity rows and timesteps the clip rules read (pure transforms, no IO).
 *
 * <p>A clip is (dataset, clip_id): a clip id is unique only within its dataset. Clip rows come from
 * bronze.human_clips (consent, duration, the video signal aggregates) joined on (dataset, clip_id) with the per-clip
 * retargeting metrics of {@code silver.human_clip_metrics} (written by {@code retarget}). The metrics columns the
 * rules may read are {@link #CLIP_METRICS}; when that table does not exist, they are typed nulls, so a rule reading
 * them reports "no value" instead of crashing the stage.
 *
 * <p>Timesteps are silver.human_timesteps when {@code retarget} has written it; otherwise they are derived from
 * bronze.human_poses ({@link #stepsFromPoses}): one step per pose frame, the right hand when present (else the
 * first), with the retargeting columns ({@code vector_error_mm}, {@code limit_saturation}, {@code converged}) null.
 */
public final class HumanEntities {
  private HumanEntities() {}

  /** A per-clip retargeting metric the quality stage reads from {@link Tables#HUMAN_CLIP_METRICS}. */
  public record Metric(String column, DataType type, String meaning) {}

  /**
   * The contract with {@code retarget}: the columns of silver.human_clip_metrics (keys clip_id, dataset,
   * capture_date) that the clip rules can use, with their types. Documented in docs/quality.md.
   */
  public static final List<Metric> CLIP_METRICS = List.of(
      new Metric("vector_error_mm_mean", DataTypes.DoubleType, "mean retargeting vector error over frames (mm)"),
      new Metric("vector_error_mm_p95", DataTypes.DoubleType, "95th percentile of the per-frame vector error (mm)"),
      new Metric("vector_error_mm_max", DataTypes.DoubleType, "largest per-frame vector error (mm)"),
      new Metric("limit_saturation_fraction", DataTypes.DoubleType, "fraction of solved joints at a limit"),
      new Metric("velocity_violations", DataTypes.LongType, "frames where a joint exceeds its velocity limit"),
      new Metric("jerk_rms", DataTypes.DoubleType, "RMS joint jerk (rad/s^3)"),
      new Metric("jump_count", DataTypes.LongType, "frame-to-frame joint jumps above the solver's jump threshold"),
      new Metric("iterations_mean", DataTypes.DoubleType, "mean solver iterations per frame"),
      new Metric("convergence_rate", DataTypes.DoubleType, "fraction of hand-frames whose solver converged"));

  /** Columns of the clip Dataset besides the metrics. */
  public static final List<String> CLIP_COLUMNS = List.of("clip_id", "dataset", "task", "consent", "duration_ns",
      "frame_count", "mean_brightness", "mean_sharpness", "frozen_frame_fraction", "video_status",
      "retarget_metrics_present");

  /**
   * @param clips   bronze.human_clips of the date
   * @param metrics silver.human_clip_metrics of the date, or null when the table does not exist
   */
  public static Dataset<Row> clips(Dataset<Row> clips, Dataset<Row> metrics) {
    Column durationUs = coalesce(col("decoded_span_us"), col("stream_duration_us"), col("container_duration_us"));
    Dataset<Row> base = clips.select(col("clip_id"), col("dataset"), col("task"), col("consent"),
        durationUs.multiply(1000L).as("duration_ns"), col("frame_count").cast("long").as("frame_count"),
        col("mean_brightness"), col("mean_sharpness"),
        when(col("frame_count").gt(0), col("frozen_frames").cast("double").divide(col("frame_count")))
            .as("frozen_frame_fraction"),
        col("video_status"));
    List<Column> out = new ArrayList<>();
    CLIP_COLUMNS.stream().filter(c -> !c.equals("retarget_metrics_present")).forEach(c -> out.add(col(c)));
    if (metrics == null) {
      out.add(lit(false).as("retarget_metrics_present"));
      for (Metric m : CLIP_METRICS) {
        out.add(lit(null).cast(m.type()).as(m.column()));
      }
      return base.select(out.toArray(new Column[0]));
    }
    requireMetricColumns(metrics);
    List<Column> picked = new ArrayList<>(List.of(col("dataset"), col("clip_id"), lit(true).as("_has_metrics")));
    for (Metric m : CLIP_METRICS) {
      picked.add(col(m.column()).cast(m.type()).as(m.column()));
    }
    Dataset<Row> joined = base.join(metrics.select(picked.toArray(new Column[0])),
        JavaConverters.asScalaBuffer(List.of("dataset", "clip_id")).toSeq(), "left");
    out.add(coalesce(col("_has_metrics"), lit(false)).as("retarget_metrics_present"));
    for (Metric m : CLIP_METRICS) {
      out.add(col(m.column()));
    }
    return joined.select(out.toArray(new Column[0]));
  }

  /** A metrics table that lacks a contract column is a version mismatch: say which, rather than guess. */
  static void requireMetricColumns(Dataset<Row> metrics) {
    List<String> have = Arrays.asList(metrics.columns());
    List<String> missing = new ArrayList<>();
    for (String key : List.of("dataset", "clip_id")) {
      if (!have.contains(key)) {
        missing.add(key);
      }
    }
    for (Metric m : CLIP_METRICS) {
      if (!have.contains(m.column())) {
        missing.add(m.column());
      }
    }
    if (!missing.isEmpty()) {
      throw ai.curate.jobs.errors.CurateErrors
          .tableContract(Tables.HUMAN_CLIP_METRICS.qualified() + " lacks columns " + missing
              + " that the quality stage reads (it has " + have + "); see docs/quality.md for the contract");
    }
  }

  /** Timestep columns the human rules read, in order. */
  public static final List<String> STEP_COLUMNS = List.of("dataset", "clip_id", "step_index", "ts_ns", "frame_index",
      "hand_side", "keypoints", "keypoint_confidence_mean", "vector_error_mm", "limit_saturation", "converged");

  /** silver.human_timesteps, narrowed to the columns the rules read. */
  public static Dataset<Row> steps(Dataset<Row> humanTimesteps) {
    return humanTimesteps.select(STEP_COLUMNS.stream().map(c -> col(c)).toArray(Column[]::new));
  }

  /**
   * Timesteps from bronze.human_poses when retarget has not run: step_index is the frame index (frame order),
   * ts_ns the pose pts, one hand per step (right when present, else the first); no retargeting values.
   */
  public static Dataset<Row> stepsFromPoses(Dataset<Row> poses) {
    Column hand = expr("CASE WHEN size(filter(hands, h -> h.side = 'right')) > 0 "
        + "THEN filter(hands, h -> h.side = 'right')[0] WHEN size(hands) > 0 THEN hands[0] END");
    return poses.select(col("dataset"), col("clip_id"), col("frame_index"), col("pts_us"), hand.as("_hand"))
        .select(col("dataset"), col("clip_id"), col("frame_index").as("step_index"),
            col("pts_us").multiply(1000L).as("ts_ns"),
            col("frame_index"), col("_hand.side").as("hand_side"), col("_hand.keypoints_3d").as("keypoints"),
            expr("CASE WHEN size(_hand.confidence) > 0 THEN CAST(aggregate(_hand.confidence, 0D, (a, x) -> a + x) "
                + "/ size(_hand.confidence) AS FLOAT) END").as("keypoint_confidence_mean"),
            lit(null).cast("float").as("vector_error_mm"), lit(null).cast("float").as("limit_saturation"),
            lit(null).cast("boolean").as("converged"));
  }
}
