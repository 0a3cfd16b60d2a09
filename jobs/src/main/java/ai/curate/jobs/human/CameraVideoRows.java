package ai.curate.jobs.human;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import ai.curate.jobs.ledger.IngestErrorLedger;
import ai.curate.jobs.video.FleetVideoAnalysis;
import ai.curate.jobs.video.FrameSignals;
import ai.curate.jobs.video.PacketSignals;
import ai.curate.jobs.video.PacketTrack;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.StructType;

/**
 * The bronze rows of analysed fleet camera videos: {@code bronze.fleet_video_quality} (one row per video, the same
 * summary columns as {@code bronze.human_clips}, then the packet signals and fault flags),
 * {@code bronze.fleet_video_frames} (one row per decoded frame, the same signal columns as
 * {@code bronze.human_video_frames}; key frames only in the default {@code packets} mode) and
 * {@code bronze.fleet_video_packets} (one row per frame, from its packet). Keyed by session and camera, so they join
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
      .add("video_bytes", LongType, false), VideoColumns.SUMMARY,
      new StructType()
          .add("packet_bytes", LongType, false)
          .add("dropped_frames", IntegerType, false)
          .add("timeline_gaps", IntegerType, false)
          .add("longest_interval_us", LongType)
          .add("frozen_runs", IntegerType, false)
          .add("frozen_run_frames", IntegerType, false)
          .add("longest_unchanged_run", IntegerType, false)
          .add("video_flags", createArrayType(StringType, false), false));

  /** Every frame of a decoded camera video in the compressed domain, in presentation order. */
  public static final StructType PACKETS = new StructType()
      .add("capture_date", DateType, false)
      .add("robot_id", StringType, false)
      .add("session_id", StringType, false)
      .add("camera", StringType, false)
      .add("frame_index", IntegerType, false)
      .add("pts_us", LongType, false)
      .add("key_frame", BooleanType, false)
      .add("packet_bytes", IntegerType, false)
      .add("frozen", BooleanType, false);

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
    FleetVideoAnalysis a = r.analysis();
    PacketSignals p = a.signals();
    return List.of(new GenericRowWithSchema(VideoColumns.concat(
        new Object[] {captureDate, v.robotId(), v.sessionId(), v.camera(), v.tablePath(), r.videoBytes()},
        VideoColumns.summary(a.summary(), a.mode()),
        new Object[] {a.packets().totalBytes(), p.droppedFrames(), p.gaps(), p.longestIntervalUs(), p.frozenRuns(),
            p.frozenFrames(), p.longestUnchangedRun(), a.flags().toArray(String[]::new)}),
        VIDEOS));
  }

  public static List<Row> frameRows(CameraVideoResult r, Date captureDate) {
    if (!r.decoded()) {
      return List.of();
    }
    CameraVideoLocation v = r.video();
    PacketTrack packets = r.analysis().packets();
    List<Row> rows = new ArrayList<>(r.analysis().frames().size());
    for (FrameSignals f : r.analysis().frames()) {
      // Full decoding numbers frames in decode order; the packet at the frame's time gives its position in the
      // packet track (packets mode has already done this).
      int at = packets.indexOf(f.ptsUs());
      rows.add(new GenericRowWithSchema(VideoColumns.concat(new Object[] {captureDate, v.robotId(), v.sessionId(),
          v.camera()}, VideoColumns.frame(f, at >= 0 ? at : f.frameIndex())), FRAMES));
    }
    return rows;
  }

  public static List<Row> packetRows(CameraVideoResult r, Date captureDate) {
    if (!r.decoded()) {
      return List.of();
    }
    CameraVideoLocation v = r.video();
    PacketTrack t = r.analysis().packets();
    boolean[] frozen = r.analysis().signals().unchanged();
    List<Row> rows = new ArrayList<>(t.count());
    for (int i = 0; i < t.count(); i++) {
      rows.add(new GenericRowWithSchema(new Object[] {captureDate, v.robotId(), v.sessionId(), v.camera(), i,
          t.ptsUs()[i], t.key()[i], t.bytes()[i], frozen[i]}, PACKETS));
    }
    return rows;
  }

  public static List<Row> errorRows(CameraVideoResult r) {
    return IngestErrorLedger.toRows(r.errors());
  }

}
