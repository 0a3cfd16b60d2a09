package ai.curate.transforms.quality;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import ai.curate.transforms.align.EpisodeKeys;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/**
 * The robot entity rows the episode rules read: one row per episode of silver.robot_episodes, with the bronze
 * counters confined to the episode's time span (docs/quality.md: a defect confined in time affects the episodes that
 * overlap it, not the whole session). Pure transform over Datasets, no IO.
 *
 * <p>Columns: {@link #COLUMNS}. Counters count bronze rows whose robot-clock time ({@code ts_ns + clock_offset_ns})
 * lies in [start_ns, end_ns]; only flagged rows are joined, so the cost is that of a filter over the stream tables.
 * A row without a timestamp cannot be placed in time and is not counted here (ingest counts it per session).
 */
public final class RobotEntities {
  private RobotEntities() {}

  /** The episode Dataset's columns, in order. */
  public static final List<String> COLUMNS = List.of("episode_id", "session_id", "robot_id", "task", "success",
      "start_ns", "end_ns", "duration_ns", "start_event_missing", "end_event_missing", "nan_count",
      "duplicate_count", "out_of_order_count", "camera_expected_frames", "camera_capture_frames",
      "camera_video_frames");

  /** Episodes are (robot_id, session_id, episode_id): episode ids repeat across sessions, session ids across robots. */
  private static final Seq<String> BY_EPISODE = JavaConverters.asScalaBuffer(EpisodeKeys.EPISODE).toSeq();

  private static final Column[] BY_EPISODE_COLUMNS = EpisodeKeys.EPISODE.stream().map(c -> col(c))
      .toArray(Column[]::new);

  /**
   * @param episodes     silver.robot_episodes of the date
   * @param streams      the bronze stream tables of the date (joint_states, joint_commands, wrenches, tactile); every
   *                     bronze input is matched to episodes by robot_id and session_id
   * @param cameraFrames bronze.camera_frames of the date
   * @param sessions     bronze.sessions of the date (manifest cameras and their frame rates)
   * @param videos       bronze.videos of the date (decodable frame counts)
   */
  public static Dataset<Row> build(Dataset<Row> episodes, List<Dataset<Row>> streams, Dataset<Row> cameraFrames,
      Dataset<Row> sessions, Dataset<Row> videos) {
    Dataset<Row> spans = episodes.select(col("robot_id"), col("session_id"), col("episode_id"),
        col("robot_id").as("_rid"), col("session_id").as("_sid"), col("start_ns").as("_start"),
        col("end_ns").as("_end"));

    Dataset<Row> flagged = null;
    for (Dataset<Row> s : streams) {
      Dataset<Row> f = s.where(col("has_nan").or(col("duplicate_ts")).or(col("out_of_order")))
          .select(col("robot_id").as("_row_rid"), col("session_id").as("_row_sid"),
              col("ts_ns").plus(col("clock_offset_ns")).as("t"), col("has_nan"),
              col("duplicate_ts"), col("out_of_order"));
      flagged = flagged == null ? f : flagged.unionByName(f);
    }
    Dataset<Row> flaggedFrames = cameraFrames.where(col("duplicate_ts").or(col("out_of_order")))
        .select(col("robot_id").as("_row_rid"), col("session_id").as("_row_sid"),
            col("capture_ts_ns").plus(col("clock_offset_ns")).as("t"), lit(false).as("has_nan"), col("duplicate_ts"),
            col("out_of_order"));
    flagged = flagged == null ? flaggedFrames : flagged.unionByName(flaggedFrames);
    Dataset<Row> counters = inSpan(flagged, spans).groupBy(BY_EPISODE_COLUMNS).agg(
        sum(when(col("has_nan"), 1L).otherwise(0L)).as("nan_count"),
        sum(when(col("duplicate_ts"), 1L).otherwise(0L)).as("duplicate_count"),
        sum(when(col("out_of_order"), 1L).otherwise(0L)).as("out_of_order_count"));

    // Expected frames per manifest camera: the episode's duration times the camera's rate.
    Dataset<Row> manifestCameras = sessions.select(col("robot_id").as("_rid"), col("session_id").as("_sid"),
        explode(col("cameras")).as("c"))
        .select(col("_rid"), col("_sid"), col("c.name").as("camera"), col("c.fps").as("fps"));
    Dataset<Row> expected = spans.join(manifestCameras, JavaConverters.asScalaBuffer(List.of("_rid", "_sid")).toSeq())
        .where(col("fps").isNotNull().and(col("fps").gt(0)))
        .select(col("robot_id"), col("session_id"), col("episode_id"), col("camera"),
            floor(col("_end").minus(col("_start")).cast("double").multiply(col("fps")).divide(1e9)).cast("long")
                .as("n"))
        .groupBy(BY_EPISODE_COLUMNS).agg(map_from_entries(collect_list(struct(col("camera"), col("n"))))
            .as("camera_expected_frames"));

    // Capture timestamps inside the episode, and of those the frames the video can deliver: a frame index below
    // the container's frame count; none when the video is unreadable (no bronze.videos row).
    Dataset<Row> decodable = videos.select(col("robot_id").as("_vrid"), col("session_id").as("_vsid"),
        col("camera").as("_vcam"),
        coalesce(col("declared_frames"), lit(Long.MAX_VALUE)).as("_video_frames"));
    Dataset<Row> frames = cameraFrames.where(col("capture_ts_ns").isNotNull())
        .select(col("robot_id").as("_row_rid"), col("session_id").as("_row_sid"), col("camera"), col("frame_index"),
            col("capture_ts_ns").plus(col("clock_offset_ns")).as("t"));
    Dataset<Row> framesIn = inSpan(frames, spans)
        .join(broadcast(decodable), col("robot_id").equalTo(col("_vrid")).and(col("session_id").equalTo(col("_vsid")))
            .and(col("camera").equalTo(col("_vcam"))), "left")
        .groupBy(col("robot_id"), col("session_id"), col("episode_id"), col("camera")).agg(
            count(lit(1)).as("capture"),
            sum(when(col("_video_frames").isNotNull().and(col("frame_index").isNotNull())
                .and(col("frame_index").lt(col("_video_frames"))), 1L).otherwise(0L)).as("video"))
        .groupBy(BY_EPISODE_COLUMNS).agg(
            map_from_entries(collect_list(struct(col("camera"), col("capture")))).as("camera_capture_frames"),
            map_from_entries(collect_list(struct(col("camera"), col("video")))).as("camera_video_frames"));

    return episodes.select(col("episode_id"), col("session_id"), col("robot_id"), col("task"), col("success"),
        col("start_ns"), col("end_ns"), col("duration_ns"), col("start_event_missing"), col("end_event_missing"))
        .join(counters, BY_EPISODE, "left")
        .join(expected, BY_EPISODE, "left")
        .join(framesIn, BY_EPISODE, "left")
        .select(COLUMNS.stream().map(c -> switch (c) {
          case "nan_count", "duplicate_count", "out_of_order_count" -> coalesce(col(c), lit(0L)).as(c);
          default -> col(c);
        }).toArray(Column[]::new));
  }

  /**
   * Rows (_row_rid, _row_sid, t, ...) joined to the episodes of their session whose span holds t: robot_id,
   * session_id, episode_id added. The episodes side is small: broadcast.
   */
  private static Dataset<Row> inSpan(Dataset<Row> rows, Dataset<Row> spans) {
    return rows.join(broadcast(spans), col("_row_rid").equalTo(col("_rid")).and(col("_row_sid").equalTo(col("_sid")))
        .and(col("t").geq(col("_start"))).and(col("t").leq(col("_end"))))
        .drop("_row_rid", "_row_sid", "_rid", "_sid", "_start", "_end");
  }
}
