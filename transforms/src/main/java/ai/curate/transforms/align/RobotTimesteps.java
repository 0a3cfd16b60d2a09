package ai.curate.transforms.align;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;

import ai.curate.transforms.SqlNames;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Aligned wide steps to the columns of silver.robot_timesteps (docs/tables.md); pure transform, no IO. */
public final class RobotTimesteps {
  private RobotTimesteps() {}

  /** Streams with a silver column of their own, in output order. */
  public static final List<String> SIGNAL_STREAMS = List.of("joint_position", "joint_velocity", "joint_effort",
      "action",
      "wrench_left", "wrench_right", "tactile_left", "tactile_right");

  /** Modalities with a validity flag and staleness (joint_state covers position, velocity and effort). */
  static final List<String> MODALITIES = List.of("joint_state", "action", "wrench_left", "wrench_right", "tactile_left",
      "tactile_right");

  /**
   * @param wide AlignmentPivot.wide output with the episode's identity ({@link EpisodeKeys#split}): robot_id,
   *     session_id, episode_id, step_index, ts_ns and per stream s: s, s_valid, s_staleness_ns, s_source_seq
   * @param episodes capture_date, episode_id, session_id, robot_id (one row per episode); joined on the full identity,
   *     since episode ids repeat across sessions and session ids across robots
   * @param cameras camera names (without the camera_ prefix) that were aligned
   */
  public static Dataset<Row> toSilver(Dataset<Row> wide, Dataset<Row> episodes, List<String> cameras, String runId) {
    List<Column> out = new ArrayList<>();
    out.add(col("e.capture_date"));
    out.add(col("w.episode_id"));
    out.add(col("e.session_id"));
    out.add(col("e.robot_id"));
    out.add(col("w.step_index").cast("int").as("step_index"));
    out.add(col("w.ts_ns"));
    for (String s : SIGNAL_STREAMS) {
      out.add(col("w." + s).cast("array<float>").as(s));
    }
    Column cameraNames = array(cameras.stream().map(c -> lit(c)).toArray(Column[]::new));
    out.add(map_from_arrays(cameraNames, array(cameras.stream()
        .map(c -> SqlNames.column("w", RobotSamples.CAMERA_PREFIX + c + "_source_seq").cast("int"))
        .toArray(Column[]::new)))
        .as("camera_frame_index"));
    out.add(map_from_arrays(cameraNames, array(cameras.stream()
        .map(c -> SqlNames.column("w", RobotSamples.CAMERA_PREFIX + c + "_staleness_ns")).toArray(Column[]::new)))
        .as("camera_staleness_ns"));
    for (String m : MODALITIES) {
      out.add(valid(m).as(m + "_valid"));
    }
    Column camerasValid = lit(true);
    for (String c : cameras) {
      camerasValid = camerasValid.and(SqlNames.column("w", RobotSamples.CAMERA_PREFIX + c + "_valid"));
    }
    out.add(camerasValid.as("cameras_valid"));
    for (String m : MODALITIES) {
      String source = m.equals("joint_state") ? "joint_position" : m;
      out.add(col("w." + source + "_staleness_ns").as(m + "_staleness_ns"));
    }
    out.add(lit(runId).as("run_id"));
    Dataset<Row> meta = episodes.select("capture_date", "episode_id", "session_id", "robot_id");
    Column sameEpisode = null;
    for (String c : EpisodeKeys.EPISODE) {
      Column same = col("w." + c).equalTo(col("e." + c));
      sameEpisode = sameEpisode == null ? same : sameEpisode.and(same);
    }
    return wide.as("w")
        .join(org.apache.spark.sql.functions.broadcast(meta.as("e")), sameEpisode)
        .select(out.toArray(new Column[0]));
  }

  private static Column valid(String modality) {
    if (modality.equals("joint_state")) {
      return col("w.joint_position_valid").and(col("w.joint_velocity_valid")).and(col("w.joint_effort_valid"));
    }
    return col("w." + modality + "_valid");
  }
}
