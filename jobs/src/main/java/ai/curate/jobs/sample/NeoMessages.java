package ai.curate.jobs.sample;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the ROS 2 messages of the Neo mapping v1 from generated rows, in the value model the CDR encoder takes
 * (nested maps, primitive arrays). Float32 samples become float64 where the ROS type is float64: the widening is
 * exact, so a reader gets the bundle's values back.
 */
final class NeoMessages {
  private NeoMessages() {}

  /** A {@code JointState}: the first {@code columns} of position, velocity, effort; the others left empty. */
  static Map<String, Object> jointState(long ts, List<String> jointNames, StreamBatch batch, int row, int columns) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", header(ts, ""));
    m.put("name", jointNames);
    String[] fields = {"position", "velocity", "effort"};
    for (int c = 0; c < columns; c++) {
      m.put(fields[c], widen(batch.columns[c], row, batch.widths[c]));
    }
    return m;
  }

  /** A {@code WrenchStamped} in the {@code <side>_wrist} frame. */
  static Map<String, Object> wrench(long ts, Side side, StreamBatch batch, int row) {
    Map<String, Object> wrench = new LinkedHashMap<>();
    wrench.put("force", vector(batch.columns[0], row));
    wrench.put("torque", vector(batch.columns[1], row));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", header(ts, side.label + "_wrist"));
    m.put("wrench", wrench);
    return m;
  }

  /** A {@code Float32MultiArray} of one tactile row, with its one {@code taxels} dimension. */
  static Map<String, Object> tactile(StreamBatch batch, int row) {
    int n = batch.widths[0];
    float[] data = new float[n];
    System.arraycopy(batch.columns[0], row * n, data, 0, n);
    Map<String, Object> dim = new LinkedHashMap<>();
    dim.put("label", "taxels");
    dim.put("size", (long) n);
    dim.put("stride", (long) n);
    Map<String, Object> layout = new LinkedHashMap<>();
    layout.put("dim", List.of(dim));
    layout.put("data_offset", 0L);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("layout", layout);
    m.put("data", data);
    return m;
  }

  /** A {@code std_msgs/Header} stamped with {@code ts} (epoch ns) as {@code builtin_interfaces/Time}. */
  static Map<String, Object> header(long ts, String frameId) {
    Map<String, Object> stamp = new LinkedHashMap<>();
    stamp.put("sec", (int) Math.floorDiv(ts, 1_000_000_000L));
    stamp.put("nanosec", Math.floorMod(ts, 1_000_000_000L));
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("stamp", stamp);
    header.put("frame_id", frameId);
    return header;
  }

  private static Map<String, Object> vector(float[] column, int row) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("x", (double) column[row * 3]);
    v.put("y", (double) column[row * 3 + 1]);
    v.put("z", (double) column[row * 3 + 2]);
    return v;
  }

  /** float32 samples as float64 (exact): ROS 2 joint states are float64. */
  private static double[] widen(float[] column, int row, int width) {
    double[] out = new double[width];
    for (int k = 0; k < width; k++) {
      out[k] = column[row * width + k];
    }
    return out;
  }

  /** A {@code CompressedImage} of one encoded camera frame. */
  static Map<String, Object> compressedImage(long captureTsNs, String camera, String format, byte[] data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("header", header(captureTsNs, camera));
    m.put("format", format);
    m.put("data", data);
    return m;
  }
}
