package ai.curate.jobs.human;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import ai.curate.jobs.video.FrameSignals;
import ai.curate.jobs.video.FrameTiming;
import ai.curate.jobs.video.VideoIntegrity;
import ai.curate.jobs.video.VideoSummary;
import java.util.Arrays;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The columns a decoded video contributes to a bronze table, shared by human clips and fleet camera videos so that
 * the two speak the same language: the per-video summary ({@link #SUMMARY}) and the per-frame signals
 * ({@link #FRAME}), each with the mapping from the analyser's records in the same column order.
 */
final class VideoColumns {
  private VideoColumns() {}

  static final String MODE_FULL = "full";
  static final String MODE_KEYFRAMES = "keyframes";

  /** Probe, timing, integrity and mean signals of one video; after the table's own key and path columns. */
  static final StructField[] SUMMARY = new StructType()
      .add("container_format", StringType)
      .add("video_codec", StringType)
      .add("pixel_format", StringType)
      .add("coded_width", IntegerType, false)
      .add("coded_height", IntegerType, false)
      .add("rotation_deg", IntegerType, false)
      .add("bit_rate", LongType)
      .add("declared_fps", DoubleType)
      .add("base_fps", DoubleType)
      .add("measured_fps", DoubleType)
      .add("declared_frame_count", LongType)
      .add("frame_count", IntegerType, false)
      .add("key_frame_count", IntegerType, false)
      .add("first_pts_us", LongType)
      .add("last_pts_us", LongType)
      .add("stream_duration_us", LongType)
      .add("container_duration_us", LongType)
      .add("decoded_span_us", LongType)
      .add("frame_interval_median_us", LongType)
      .add("frame_interval_min_us", LongType)
      .add("frame_interval_max_us", LongType)
      .add("frame_interval_spread", DoubleType)
      .add("vfr", BooleanType, false)
      .add("non_increasing_pts", IntegerType, false)
      .add("missing_pts", IntegerType, false)
      .add("decode_errors", LongType, false)
      .add("decode_warnings", LongType, false)
      .add("decode_error_messages", createArrayType(StringType, false), false)
      .add("missing_frames", LongType)
      .add("coverage", DoubleType)
      .add("truncated", BooleanType)
      .add("corrupt", BooleanType, false)
      .add("video_status", StringType, false)
      .add("analysis_mode", StringType, false)
      .add("signal_width", IntegerType, false)
      .add("signal_height", IntegerType, false)
      .add("mean_brightness", DoubleType, false)
      .add("mean_contrast", DoubleType, false)
      .add("mean_sharpness", DoubleType, false)
      .add("black_frames", IntegerType, false)
      .add("frozen_frames", IntegerType, false)
      .add("scene_cuts", IntegerType, false)
      .fields();

  /** One decoded frame's index, time and signals; after the table's own key columns. */
  static final StructField[] FRAME = new StructType()
      .add("frame_index", IntegerType, false)
      .add("pts_us", LongType, false)
      .add("key_frame", BooleanType, false)
      .add("brightness", DoubleType, false)
      .add("contrast", DoubleType, false)
      .add("sharpness", DoubleType, false)
      .add("diff_prev", DoubleType)
      .add("max_diff_prev", IntegerType)
      .add("scene_score", DoubleType)
      .add("frozen", BooleanType, false)
      .add("black", BooleanType, false)
      .add("scene_cut", BooleanType, false)
      .fields();

  static Object[] summary(VideoSummary s) {
    return summary(s, s.keyframesOnly() ? MODE_KEYFRAMES : MODE_FULL);
  }

  /** The summary columns with {@code analysis_mode} given (fleet cameras: {@code packets} or {@code full}). */
  static Object[] summary(VideoSummary s, String mode) {
    FrameTiming t = s.timing();
    VideoIntegrity v = s.integrity();
    return new Object[] {
        s.declared().containerFormat(), s.declared().codec(), s.declared().pixelFormat(), s.declared().codedWidth(),
        s.declared().codedHeight(), s.declared().rotationDegrees(),
        s.declared().bitRate(), s.declared().declaredFps(), s.declared().baseFps(), t.measuredFps(),
        s.declared().declaredFrameCount(), t.frameCount(),
        s.keyFrameCount(), t.firstPtsUs(), t.lastPtsUs(), s.declared().streamDurationUs(),
        s.declared().containerDurationUs(),
        t.decodedSpanUs(), t.medianIntervalUs(), t.minIntervalUs(), t.maxIntervalUs(), t.spread(),
        t.variableFrameRate(), t.nonIncreasingCount(), s.ptsMissingCount(), s.decodeErrors(), s.decodeWarnings(),
        s.decodeErrorMessages().toArray(String[]::new), v.missingFrames(), v.coverage(), v.truncated(), v.corrupt(),
        v.status(), mode, s.signalWidth(), s.signalHeight(),
        s.meanBrightness(), s.meanContrast(), s.meanSharpness(), s.blackFrameCount(), s.frozenFrameCount(),
        s.sceneCutCount()};
  }

  static Object[] frame(FrameSignals f) {
    return frame(f, f.frameIndex());
  }

  /** The frame columns with the frame's index given (a fleet camera's key frame: its packet's position). */
  static Object[] frame(FrameSignals f, int frameIndex) {
    return new Object[] {frameIndex, f.ptsUs(), f.keyFrame(), f.brightness(), f.contrast(), f.sharpness(),
        f.diffFromPrevious(), f.maxDiffFromPrevious(), f.sceneScore(), f.frozen(), f.black(), f.sceneCut()};
  }

  /** {@code head}, then {@code middle}, then {@code tail} as one schema. */
  static StructType schema(StructType head, StructField[] middle, StructType tail) {
    StructField[] all = Arrays.copyOf(head.fields(), head.fields().length + middle.length + tail.fields().length);
    System.arraycopy(middle, 0, all, head.fields().length, middle.length);
    System.arraycopy(tail.fields(), 0, all, head.fields().length + middle.length, tail.fields().length);
    return new StructType(all);
  }

  /** The values of several column groups as one row's values, in order. */
  static Object[] concat(Object[]... parts) {
    int n = 0;
    for (Object[] p : parts) {
      n += p.length;
    }
    Object[] out = new Object[n];
    int at = 0;
    for (Object[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
