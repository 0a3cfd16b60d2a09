package ai.curate.jobs.human;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.FloatType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;
import static org.apache.spark.sql.types.DataTypes.createMapType;

import ai.curate.jobs.ledger.IngestErrorLedger;
import ai.curate.jobs.video.FrameSignals;
import ai.curate.jobs.video.VideoSummary;
import ai.curate.retargeting.pose.HandObservation;
import ai.curate.retargeting.pose.PoseBody;
import ai.curate.retargeting.pose.PoseLine;
import ai.curate.retargeting.pose.PoseTrack;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;

/**
 * The bronze rows of ingested clips: schemas (column names and types are the tables' contract, documented in
 * docs/human-ingest.md) and the mapping from {@link ClipIngestResult}. Run metadata ({@code run_id},
 * {@code ingested_at}) is added by the stage; every column here is a deterministic function of the raw files.
 */
public final class HumanRows {
  private HumanRows() {}

  private static final ArrayType POINTS = createArrayType(createArrayType(FloatType, false), false);

  public static final StructType CLIPS = VideoColumns.schema(new StructType()
      .add("capture_date", DateType, false)
      .add("dataset", StringType, false)
      .add("clip_id", StringType, false)
      .add("source_path", StringType, false)
      .add("format_version", IntegerType, false)
      .add("source_uri", StringType)
      .add("license", StringType)
      .add("consent", BooleanType)
      .add("task", StringType)
      .add("prompt", StringType)
      .add("keypoint_frame", StringType, false)
      .add("camera_intrinsics", createArrayType(DoubleType, false))
      .add("camera_width", IntegerType)
      .add("camera_height", IntegerType)
      .add("t_head_camera", createArrayType(DoubleType, false))
      .add("camera_size_matches_video", BooleanType)
      .add("video_path", StringType, false)
      .add("video_bytes", LongType, false),
      VideoColumns.SUMMARY, new StructType()
          .add("pose_present", BooleanType, false)
          .add("pose_lines", IntegerType, false)
          .add("pose_rows", IntegerType, false)
          .add("pose_malformed_lines", IntegerType, false)
          .add("pose_duplicate_frames", IntegerType, false)
          .add("frames_without_pose", IntegerType)
          .add("poses_without_frame", IntegerType)
          .add("pose_max_pts_diff_us", LongType)
          .add("source_format", StringType)
          .add("source_attributes", createMapType(StringType, StringType, true)));

  public static final StructType FRAMES = VideoColumns.schema(new StructType()
      .add("capture_date", DateType, false)
      .add("dataset", StringType, false)
      .add("clip_id", StringType, false), VideoColumns.FRAME, new StructType());

  public static final StructType HAND = new StructType()
      .add("side", StringType, false)
      .add("keypoints_3d", POINTS, false)
      .add("confidence", createArrayType(FloatType, false));

  public static final StructType BODY = new StructType()
      .add("format", StringType)
      .add("keypoints_3d", POINTS, false);

  public static final StructType POSES = new StructType()
      .add("capture_date", DateType, false)
      .add("dataset", StringType, false)
      .add("clip_id", StringType, false)
      .add("frame_index", IntegerType, false)
      .add("pts_us", LongType, false)
      .add("hands", createArrayType(HAND, false), false)
      .add("body", BODY)
      .add("has_frame", BooleanType)
      .add("video_pts_us", LongType)
      .add("line_number", IntegerType, false);

  public static final String MODE_FULL = VideoColumns.MODE_FULL;
  public static final String MODE_KEYFRAMES = VideoColumns.MODE_KEYFRAMES;

  /** The clip's row, or none when the clip was rejected. */
  public static List<Row> clipRows(ClipIngestResult r, Date captureDate) {
    if (!r.ingested()) {
      return List.of();
    }
    ClipMetadata m = r.metadata();
    VideoSummary s = r.video().summary();
    PoseTrack pose = r.pose();
    PoseJoin join = r.join();
    Boolean sizeMatches = m.cameraWidth() == null
        ? null
        : m.cameraWidth() == s.declared().codedWidth() && m.cameraHeight() == s.declared().codedHeight();
    Object[] values = VideoColumns.concat(new Object[] {
        captureDate, r.clip().dataset(), r.clip().clipId(), r.clip().sourcePath(), m.formatVersion(),
        m.sourceUri(), m.license(), m.consent(), m.task(), m.prompt(), m.keypointFrame(),
        doubles(m.intrinsics()), m.cameraWidth(), m.cameraHeight(), doubles(m.tHeadCamera()), sizeMatches,
        r.clip().file(r.clip().videoName()), r.videoBytes()},
        VideoColumns.summary(s),
        new Object[] {pose != null, pose == null ? 0 : pose.lines(), pose == null ? 0 : pose.frames().size(),
            pose == null ? 0 : pose.errors().size(), pose == null ? 0 : pose.duplicateFrames(),
            framesWithoutPose(r), posesWithoutFrame(r), join == null ? null : join.maxPtsDiffUs(),
            m.sourceFormat(), m.sourceAttributes() == null
                ? null
                : scala.collection.JavaConverters.mapAsScalaMap(m.sourceAttributes())});
    return List.of(new GenericRowWithSchema(values, CLIPS));
  }

  /** Decoded frames no pose line refers to: all of them without a pose track; unknown in key-frame triage mode. */
  private static Integer framesWithoutPose(ClipIngestResult r) {
    if (r.join() != null) {
      return r.join().framesWithoutPose();
    }
    return r.video().summary().keyframesOnly() ? null : r.video().frames().size();
  }

  private static Integer posesWithoutFrame(ClipIngestResult r) {
    if (r.join() != null) {
      return r.join().posesWithoutFrame();
    }
    return r.video().summary().keyframesOnly() ? null : 0;
  }

  public static List<Row> frameRows(ClipIngestResult r, Date captureDate) {
    if (!r.ingested()) {
      return List.of();
    }
    List<Row> rows = new ArrayList<>(r.video().frames().size());
    for (FrameSignals f : r.video().frames()) {
      rows.add(new GenericRowWithSchema(VideoColumns.concat(
          new Object[] {captureDate, r.clip().dataset(), r.clip().clipId()}, VideoColumns.frame(f)), FRAMES));
    }
    return rows;
  }

  /** One row per valid pose line; {@code has_frame}/{@code video_pts_us} are null in key-frame triage mode. */
  public static List<Row> poseRows(ClipIngestResult r, Date captureDate) {
    if (!r.ingested() || r.pose() == null) {
      return List.of();
    }
    Map<Integer, Long> framePts = r.join() == null ? null : PoseJoin.ptsByIndex(r.video().frames());
    List<Row> rows = new ArrayList<>(r.pose().frames().size());
    for (PoseLine p : r.pose().frames()) {
      Long videoPts = framePts == null ? null : framePts.get(p.frameIndex());
      rows.add(new GenericRowWithSchema(new Object[] {
          captureDate, r.clip().dataset(), r.clip().clipId(), p.frameIndex(), p.ptsUs(), hands(p.hands()),
          body(p.body()), framePts == null ? null : videoPts != null, videoPts, p.lineNumber()}, POSES));
    }
    return rows;
  }

  /** One row per clip the face-blur pass wrote a de-identified copy of (written only when the pass is on). */
  public static final StructType DEIDENTIFIED = new StructType()
      .add("capture_date", DateType, false)
      .add("dataset", StringType, false)
      .add("clip_id", StringType, false)
      .add("source_path", StringType, false)
      .add("deidentified_path", StringType, false)
      .add("deidentified_bytes", LongType, false)
      .add("frames", LongType, false)
      .add("frames_with_faces", LongType, false)
      .add("faces", LongType, false)
      .add("max_faces_in_frame", IntegerType, false)
      .add("codec", StringType)
      .add("detector", StringType, false)
      .add("decode_stopped", StringType);

  public static List<Row> deidentifiedRows(ClipIngestResult r, Date captureDate) {
    DeidentifiedCopy d = r.deidentified();
    if (!r.ingested() || d == null) {
      return List.of();
    }
    return List.of(new GenericRowWithSchema(new Object[] {
        captureDate, r.clip().dataset(), r.clip().clipId(), r.clip().file(r.clip().videoName()), d.path(), d.bytes(),
        d.result().frames(), d.result().framesWithFaces(), d.result().faces(), d.result().maxFacesInFrame(),
        d.result().codec(), d.detector(), d.result().decodeStopped()}, DEIDENTIFIED));
  }

  public static List<Row> errorRows(ClipIngestResult r) {
    return IngestErrorLedger.toRows(r.errors());
  }

  // Spark's Row encoder takes Java arrays (primitive ones for numeric leaves) or Scala Seqs, not java.util.List.
  // The parser keeps doubles; the pose tables store float, narrowed here as the parser once did.
  private static Row[] hands(List<HandObservation> hands) {
    Row[] out = new Row[hands.size()];
    for (int i = 0; i < out.length; i++) {
      HandObservation h = hands.get(i);
      float[][] keypoints = new float[HandObservation.KEYPOINTS][];
      for (int k = 0; k < keypoints.length; k++) {
        keypoints[k] = floats(h.keypoints(), 3 * k, 3);
      }
      float[] confidence = h.confidence() == null ? null : floats(h.confidence(), 0, h.confidence().length);
      out[i] = new GenericRowWithSchema(new Object[] {h.side(), keypoints, confidence}, HAND);
    }
    return out;
  }

  private static Row body(PoseBody body) {
    if (body == null) {
      return null;
    }
    float[][] keypoints = new float[body.keypoints().length][];
    for (int k = 0; k < keypoints.length; k++) {
      keypoints[k] = floats(body.keypoints()[k], 0, 3);
    }
    return new GenericRowWithSchema(new Object[] {body.format(), keypoints}, BODY);
  }

  private static float[] floats(double[] values, int from, int count) {
    float[] out = new float[count];
    for (int i = 0; i < count; i++) {
      out[i] = (float) values[from + i];
    }
    return out;
  }

  private static double[] doubles(List<Double> values) {
    return values == null ? null : values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
