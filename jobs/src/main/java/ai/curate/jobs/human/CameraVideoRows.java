package ai.curate.jobs.human;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import ai.curate.jobs.ledger.IngestErrorLedger;
import ai.curate.jobs.video.FrameSignals;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * The bronze rows of decoded fleet camera videos: {@code bronze.fleet_video_quality} (one row per decoded video, the
 * same summary columns as {@code bronze.human_clips}) and {@code bronze.fleet_video_frames} (one row per decoded
 * frame, the same signal columns as {@code bronze.human_video_frames}). Keyed by session and camera, so they join
 * {@code bronze.camera_frames} and {@code bronze.videos} of ingest-fleet.
 */
public final class CameraVideoRows {
  private CameraVideoRows() {}

  public static final StructType VIDEOS = VideoColumns.schema(new StructType()
      .add("capture_date", DateType, false)
      .add("robot_id", StringType, false)
      .add("session_id", StringType, false)
      .add("camera", StringType, false)
      .add("video_path", StringType, false)
      .add("video_bytes", LongType, false), VideoColumns.SUMMARY, new StructType());

  public static final StructType FRAMES = VideoColumns.schema(new StructType()
      .add("capture_date", DateType, false)
      .add("robot_id", StringType, false)
      .add("session_id", StringType, false)
      .add("camera", StringType, false), VideoColumns.FRAME, new StructType());

  public static List<Row> videoRows(CameraVideoResult r, Date captureDate) {
    if (!r.decoded()) {
      return List.of();
    }
    CameraVideoLocation v = r.video();
    return List.of(new GenericRowWithSchema(VideoColumns.concat(
        new Object[] {captureDate, v.robotId(), v.sessionId(), v.camera(), v.tablePath(), r.videoBytes()},
        VideoColumns.summary(r.analysis().summary())), VIDEOS));
  }

  public static List<Row> frameRows(CameraVideoResult r, Date captureDate) {
    if (!r.decoded()) {
      return List.of();
    }
    CameraVideoLocation v = r.video();
    List<Row> rows = new ArrayList<>(r.analysis().frames().size());
    for (FrameSignals f : r.analysis().frames()) {
      rows.add(new GenericRowWithSchema(VideoColumns.concat(
          new Object[] {captureDate, v.robotId(), v.sessionId(), v.camera()}, VideoColumns.frame(f)), FRAMES));
    }
    return rows;
  }

  public static List<Row> errorRows(CameraVideoResult r) {
    return IngestErrorLedger.toRows(r.errors());
  }

}
