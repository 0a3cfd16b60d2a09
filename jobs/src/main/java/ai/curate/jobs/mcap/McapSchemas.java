package ai.curate.jobs.mcap;

import ai.curate.jobs.fleet.FleetSchemas;
import ai.curate.jobs.fleet.StreamKind;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of what {@code ingest-mcap} writes. The stream tables are those of {@code ingest-fleet}
 * ({@link FleetSchemas#stream}) plus {@link FleetSchemas#RAW_FORMAT} and the MCAP lineage columns
 * ({@link FleetSchemas#withFormat}).
 */
public final class McapSchemas {
  private McapSchemas() {}

  /** The columns a {@link McapRowReader} fills, before the file-order flags (and for cameras the frame index). */
  static StructType raw(StreamKind kind) {
    StructType s = new StructType()
        .add("capture_date", DataTypes.DateType, false)
        .add("robot_id", DataTypes.StringType, false)
        .add("session_id", DataTypes.StringType, false)
        .add(kind == StreamKind.CAMERA_FRAMES ? "camera" : "stream", DataTypes.StringType, false)
        .add(kind.tsColumn, DataTypes.LongType, false)
        .add("clock_offset_ns", DataTypes.LongType, false)
        .add("batch_index", DataTypes.IntegerType, false)
        .add("batch_row", DataTypes.IntegerType, false);
    for (String column : kind.listColumns) {
      s = s.add(column, FleetSchemas.FLOATS, true);
    }
    if (kind != StreamKind.CAMERA_FRAMES) {
      s = s.add("has_nan", DataTypes.BooleanType, false);
    }
    s = s.add("mcap_file", DataTypes.StringType, false)
        .add("mcap_offset", DataTypes.LongType, true);
    // Stream rows are flagged in file order as they are read (McapRowReader); camera rows get their frame indexes
    // (and flags) from a window in the stage.
    return kind == StreamKind.CAMERA_FRAMES
        ? s
        : s.add("duplicate_ts", DataTypes.BooleanType, false).add("out_of_order", DataTypes.BooleanType, false);
  }

  /** {@code bronze.mcap_channels}: every channel of every recording of the date, mapped or not. */
  public static final StructType CHANNELS = new StructType()
      .add("capture_date", DataTypes.DateType, false)
      .add("robot_id", DataTypes.StringType, true)
      .add("session_id", DataTypes.StringType, true)
      .add("mcap_file", DataTypes.StringType, false)
      .add("channel_id", DataTypes.IntegerType, false)
      .add("topic", DataTypes.StringType, false)
      .add("schema_name", DataTypes.StringType, false)
      .add("schema_encoding", DataTypes.StringType, false)
      .add("message_encoding", DataTypes.StringType, false)
      .add("message_count", DataTypes.LongType, true)
      .add("mapped_kind", DataTypes.StringType, true)
      .add("mapped_name", DataTypes.StringType, true)
      .add("status", DataTypes.StringType, false);
}
