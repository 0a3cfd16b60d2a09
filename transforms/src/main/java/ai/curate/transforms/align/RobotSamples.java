package ai.curate.transforms.align;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.shiftLeft;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Bronze fleet streams to the long sample form the alignment transform takes (pure transform, no IO):
 * {@code robot_id, session_id, stream, ts_ns, clock_offset_ns, seq, values} (robot and session id together identify
 * the session). Time stays on the device clock here; the caller applies {@code clock_offset_ns} once
 * ({@code ClockOffsets.applyColumn}).
 *
 * <p>Logical stream names are the silver column names: {@code joint_position}, {@code joint_velocity},
 * {@code joint_effort} (one joint_state row is three samples with the same seq), {@code action},
 * {@code wrench_left|right} (force ++ torque, 6 values), {@code tactile_left|right}, and {@code camera_<name>} with
 * {@code seq = frame_index}, so the aligned step's source_seq is the frame reference. The side of a wrench or tactile
 * stream comes from its manifest name ({@code wrench_left}, {@code tactile_right}, ...).
 */
public final class RobotSamples {
  private RobotSamples() {}

  public static final String CAMERA_PREFIX = "camera_";

  /** File order: batches in order, rows in order within a batch. */
  private static Column seq() {
    return shiftLeft(col("batch_index").cast("long"), 32).plus(col("batch_row").cast("long"));
  }

  private static Dataset<Row> shape(Dataset<Row> rows, Column stream, Column values) {
    return rows.select(col("robot_id"), col("session_id"), stream.as("stream"), col("ts_ns"), col("clock_offset_ns"),
        seq().as("seq"), values.as("values"));
  }

  public static Dataset<Row> jointStates(Dataset<Row> bronze) {
    Column parts = explode(array(
        struct(lit("joint_position").as("s"), col("position").as("v")),
        struct(lit("joint_velocity").as("s"), col("velocity").as("v")),
        struct(lit("joint_effort").as("s"), col("effort").as("v"))));
    Dataset<Row> exploded = bronze.select(col("robot_id"), col("session_id"), col("ts_ns"), col("clock_offset_ns"),
        col("batch_index"), col("batch_row"), parts.as("p"));
    return shape(exploded, col("p.s"), col("p.v"));
  }

  public static Dataset<Row> jointCommands(Dataset<Row> bronze) {
    return shape(bronze, lit("action"), col("position"));
  }

  public static Dataset<Row> wrenches(Dataset<Row> bronze) {
    return shape(bronze.where(sideOf(col("stream")).isNotNull()),
        concat(lit("wrench_"), sideOf(col("stream"))), concat(col("force"), col("torque")));
  }

  public static Dataset<Row> tactile(Dataset<Row> bronze) {
    return shape(bronze.where(sideOf(col("stream")).isNotNull()),
        concat(lit("tactile_"), sideOf(col("stream"))), col("pressure"));
  }

  public static Dataset<Row> cameraFrames(Dataset<Row> bronze) {
    return bronze.where(col("frame_index").isNotNull().and(col("capture_ts_ns").isNotNull()))
        .select(col("robot_id"), col("session_id"), concat(lit(CAMERA_PREFIX), col("camera")).as("stream"),
            col("capture_ts_ns").as("ts_ns"), col("clock_offset_ns"), col("frame_index").cast("long").as("seq"),
            array(col("frame_index").cast("float")).as("values"));
  }

  /** left / right from a stream name such as wrench_left or tactile_right; null when it names neither. */
  static Column sideOf(Column streamName) {
    Column lower = org.apache.spark.sql.functions.lower(streamName);
    return when(lower.contains("left"), lit("left")).when(lower.contains("right"), lit("right"));
  }
}
