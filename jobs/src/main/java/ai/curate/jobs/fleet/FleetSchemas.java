package ai.curate.jobs.fleet;

import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of the bronze tables {@code ingest-fleet} writes (before {@code run_id} and {@code ingested_at}). Stream
 * tables keep the device clock ({@code ts_ns}) and the stream's {@code clock_offset_ns} side by side: robot time is
 * their sum, and nothing here rewrites time. File order is ({@code batch_index}, {@code batch_row}).
 */
public final class FleetSchemas {
  private FleetSchemas() {}

  public static final ArrayType FLOATS = DataTypes.createArrayType(DataTypes.FloatType, true);
  public static final ArrayType STRINGS = DataTypes.createArrayType(DataTypes.StringType, false);

  /**
   * Which ingest wrote a fleet bronze row: {@code bundle} ({@code ingest-fleet}) or {@code mcap}
   * ({@code ingest-mcap}). Both write the same tables, and each replaces only its own part of a date's slice.
   */
  public static final String RAW_FORMAT = "raw_format";
  public static final String FORMAT_BUNDLE = "bundle";
  public static final String FORMAT_MCAP = "mcap";
  /** MCAP lineage of a stream row: the file and the byte offset of its chunk (null for bundles). */
  public static final String MCAP_FILE = "mcap_file";
  public static final String MCAP_OFFSET = "mcap_offset";
  /**
   * {@code bronze.videos}: the video file the video stages decode. A bundle's camera MP4 (the same as
   * {@code source_path}); for an MCAP camera the MP4 re-muxed from its frames, relative to {@code paths.warehouse}
   * (so a moved warehouse keeps its videos); null when the camera's frames could not be re-muxed.
   */
  public static final String VIDEO_PATH = "video_path";

  /**
   * The part of a date's slice that {@code format}'s ingest owns and replaces. Rows written before the column existed
   * (null) are bundle rows: only {@code ingest-fleet} wrote fleet tables then.
   */
  public static String ownedBy(String format) {
    return FORMAT_BUNDLE.equals(format)
        ? "coalesce(" + RAW_FORMAT + ", '" + FORMAT_BUNDLE + "') = '"
            + FORMAT_BUNDLE + "'"
        : RAW_FORMAT + " = '" + format + "'";
  }

  /**
   * {@code rows} with {@link #RAW_FORMAT} set to {@code format} and, for a stream table, the MCAP lineage columns
   * (kept from {@code rows} when it has them, else null): every ingest writes the same columns in the same order.
   */
  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> withFormat(
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows, String format, boolean stream) {
    org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> out = rows.withColumn(RAW_FORMAT,
        org.apache.spark.sql.functions.lit(format));
    if (stream) {
      java.util.List<String> columns = java.util.Arrays.asList(rows.columns());
      out = out.withColumn(MCAP_FILE, columns.contains(MCAP_FILE)
          ? out.col(MCAP_FILE)
          : org.apache.spark.sql.functions.lit(null).cast(DataTypes.StringType))
          .withColumn(MCAP_OFFSET, columns.contains(MCAP_OFFSET)
              ? out.col(MCAP_OFFSET)
              : org.apache.spark.sql.functions.lit(null).cast(DataTypes.LongType));
    }
    return out;
  }

  /** The slice reader fills exactly these columns, in this order. */
  public static StructType stream(StreamKind kind) {
    StructType s = new StructType()
        .add("capture_date", DataTypes.DateType, false)
        .add("robot_id", DataTypes.StringType, false)
        .add("session_id", DataTypes.StringType, false);
    if (kind == StreamKind.CAMERA_FRAMES) {
      s = s.add("camera", DataTypes.StringType, false)
          .add("frame_index", DataTypes.IntegerType, true)
          .add("capture_ts_ns", DataTypes.LongType, true);
    } else {
      s = s.add("stream", DataTypes.StringType, false)
          .add("ts_ns", DataTypes.LongType, true);
    }
    s = s.add("clock_offset_ns", DataTypes.LongType, false)
        .add("batch_index", DataTypes.IntegerType, false)
        .add("batch_row", DataTypes.IntegerType, false);
    for (String column : kind.listColumns) {
      s = s.add(column, FLOATS, true);
    }
    if (kind != StreamKind.CAMERA_FRAMES) {
      s = s.add("has_nan", DataTypes.BooleanType, false);
    }
    return s.add("duplicate_ts", DataTypes.BooleanType, false)
        .add("out_of_order", DataTypes.BooleanType, false);
  }

  public static final StructType STREAM_SUMMARY = new StructType()
      .add("name", DataTypes.StringType, false)
      .add("kind", DataTypes.StringType, false)
      .add("file", DataTypes.StringType, false)
      .add("rate_hz", DataTypes.DoubleType, true)
      .add("clock_offset_ns", DataTypes.LongType, false)
      .add("joint_names", STRINGS, false)
      .add("frame", DataTypes.StringType, true)
      .add("taxels", DataTypes.IntegerType, true)
      .add("extra_columns", STRINGS, false)
      .add("status", DataTypes.StringType, false)
      .add("rows", DataTypes.LongType, false)
      .add("nan_rows", DataTypes.LongType, false)
      .add("duplicate_ts_rows", DataTypes.LongType, false)
      .add("out_of_order_rows", DataTypes.LongType, false)
      .add("first_ts_ns", DataTypes.LongType, true)
      .add("last_ts_ns", DataTypes.LongType, true);

  public static final StructType CAMERA_SUMMARY = new StructType()
      .add("name", DataTypes.StringType, false)
      .add("file", DataTypes.StringType, false)
      .add("frames_file", DataTypes.StringType, false)
      .add("fps", DataTypes.DoubleType, true)
      .add("clock_offset_ns", DataTypes.LongType, false)
      .add("status", DataTypes.StringType, false)
      .add("frame_rows", DataTypes.LongType, false);

  public static final StructType SESSIONS = new StructType()
      .add("capture_date", DataTypes.DateType, false)
      .add("robot_id", DataTypes.StringType, false)
      .add("session_id", DataTypes.StringType, false)
      .add("robot_model", DataTypes.StringType, false)
      .add("format_version", DataTypes.IntegerType, false)
      .add("software_version", DataTypes.StringType, true)
      .add("start_ts_ns", DataTypes.LongType, false)
      .add("end_ts_ns", DataTypes.LongType, false)
      .add("status", DataTypes.StringType, false)
      .add("error_count", DataTypes.IntegerType, false)
      .add("episodes", DataTypes.IntegerType, false)
      .add("streams", DataTypes.createArrayType(STREAM_SUMMARY, false), false)
      .add("cameras", DataTypes.createArrayType(CAMERA_SUMMARY, false), false)
      .add("source_path", DataTypes.StringType, false)
      .add("file_count", DataTypes.IntegerType, false)
      .add("total_bytes", DataTypes.LongType, false)
      .add("checksum", DataTypes.StringType, false)
      .add("manifest_json", DataTypes.StringType, false);

  public static final StructType EVENTS = new StructType()
      .add("capture_date", DataTypes.DateType, false)
      .add("robot_id", DataTypes.StringType, false)
      .add("session_id", DataTypes.StringType, false)
      .add("line_number", DataTypes.IntegerType, false)
      .add("ts_ns", DataTypes.LongType, false)
      .add("type", DataTypes.StringType, false)
      .add("episode_id", DataTypes.StringType, true)
      .add("task", DataTypes.StringType, true)
      .add("prompt", DataTypes.StringType, true)
      .add("success", DataTypes.BooleanType, true)
      .add("payload", DataTypes.StringType, false);

  public static final StructType VIDEOS = new StructType()
      .add("capture_date", DataTypes.DateType, false)
      .add("robot_id", DataTypes.StringType, false)
      .add("session_id", DataTypes.StringType, false)
      .add("camera", DataTypes.StringType, false)
      .add("source_path", DataTypes.StringType, false)
      .add("size_bytes", DataTypes.LongType, false)
      .add("container", DataTypes.StringType, true)
      .add("codec", DataTypes.StringType, true)
      .add("width", DataTypes.IntegerType, false)
      .add("height", DataTypes.IntegerType, false)
      .add("fps", DataTypes.DoubleType, true)
      .add("manifest_fps", DataTypes.DoubleType, true)
      .add("declared_frames", DataTypes.LongType, true)
      .add("duration_ns", DataTypes.LongType, true)
      .add("clock_offset_ns", DataTypes.LongType, false)
      .add("frame_index_rows", DataTypes.LongType, false)
      .add("frame_count_matches", DataTypes.BooleanType, true)
      .add(VIDEO_PATH, DataTypes.StringType, true);
}
