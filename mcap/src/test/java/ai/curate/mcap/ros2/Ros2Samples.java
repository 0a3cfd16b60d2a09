package ai.curate.mcap.ros2;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sample messages of {@link Ros2Schemas} in the value model, and a deep comparison form for them. */
final class Ros2Samples {
  private Ros2Samples() {}

  static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      out.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return out;
  }

  static Map<String, Object> header(int sec, long nanosec, String frame) {
    return map("stamp", map("sec", sec, "nanosec", nanosec), "frame_id", frame);
  }

  static Map<String, Object> jointState() {
    return map("header", header(1_767_225_600, 123_456_789L, "base_link"), "name",
        List.of("left_hip_pitch", "left_knee", "right_wrist_roll"), "position", new double[] {0.1, -1.25, 3.5e-9},
        "velocity", new double[] {0, Double.MIN_VALUE, -0.0}, "effort", new double[0]);
  }

  static Map<String, Object> wrenchStamped() {
    return map("header", header(-5, 999_999_999L, "l_wrist_ft"), "wrench",
        map("force", map("x", 1.0, "y", -2.5, "z", 9.81), "torque", map("x", 0.0, "y", 1e-300, "z", -1e300)));
  }

  static Map<String, Object> float32MultiArray() {
    return map("layout", map("dim", List.of(map("label", "height", "size", 2L, "stride", 6L),
        map("label", "width", "size", 3L, "stride", 3L)), "data_offset", 0L), "data",
        new float[] {1f, 2.5f, -3f, Float.MAX_VALUE, Float.MIN_VALUE, 0f});
  }

  static Map<String, Object> compressedImage() {
    return map("header", header(10, 5L, "head_camera"), "format", "jpeg", "data",
        new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0, 1, 127, (byte) 0x80});
  }

  static Map<String, Object> log() {
    return map("stamp", map("sec", 7, "nanosec", 8L), "level", 20, "name", "curate.ingest", "msg",
        "tendon slack détecté ✓", "file", "ingest.py", "function", "", "line", 4_294_967_295L);
  }

  static Map<String, Object> basicTypesMax() {
    return map("bool_value", true, "byte_value", 255, "char_value", 255, "float32_value", Float.MAX_VALUE,
        "float64_value", Double.MAX_VALUE, "int8_value", 127, "uint8_value", 255, "int16_value", 32767,
        "uint16_value", 65535, "int32_value", Integer.MAX_VALUE, "uint32_value", 4_294_967_295L, "int64_value",
        Long.MAX_VALUE, "uint64_value", UINT64_MAX);
  }

  static Map<String, Object> basicTypesMin() {
    return map("bool_value", false, "byte_value", 0, "char_value", 0, "float32_value", -Float.MAX_VALUE,
        "float64_value", -Double.MIN_VALUE, "int8_value", -128, "uint8_value", 0, "int16_value", -32768,
        "uint16_value", 0, "int32_value", Integer.MIN_VALUE, "uint32_value", 0L, "int64_value", Long.MIN_VALUE,
        "uint64_value", 0L);
  }

  static Map<String, Object> basicTypesNonFinite() {
    Map<String, Object> m = basicTypesMin();
    m.put("float32_value", Float.NaN);
    m.put("float64_value", Double.NEGATIVE_INFINITY);
    m.put("uint64_value", Long.MAX_VALUE);
    return m;
  }

  static Map<String, Object> point(double x, int tag, long id) {
    return map("x", x, "tag", tag, "id", id);
  }

  static Map<String, Object> arrays() {
    return map("bools", new boolean[] {true, false, true}, "bytes", new byte[] {0, (byte) 255, 7}, "chars",
        new byte[] {'a', 'b', 'c'}, "int8s", new byte[] {-128, 127}, "uint8s", new byte[] {1, 2, 3, 4}, "int16s",
        new short[] {Short.MIN_VALUE, -1, Short.MAX_VALUE}, "uint16s", new int[] {0, 65535}, "int32s",
        new int[] {Integer.MIN_VALUE, 0, Integer.MAX_VALUE}, "uint32s", new long[] {0, 4_294_967_295L}, "int64s",
        new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, "uint64s", new Uint64Array(new long[] {0, -1, Long.MAX_VALUE}),
        "float32s", new float[] {Float.NaN, Float.POSITIVE_INFINITY, -0f}, "float64s",
        new double[] {Double.NaN, Double.NEGATIVE_INFINITY, 1.5}, "strings", List.of("", "a", "ünï"),
        "bounded_strings", List.of("12345678"), "fixed_strings", List.of("left", ""), "points",
        List.of(point(1.5, 1, -1L), point(-0.5, 255, Long.MIN_VALUE)), "fixed_points",
        List.of(point(0, 0, 0L), point(2, 2, 2L)), "nested",
        map("points", List.of(point(3, 3, 3L)), "label", "n", "values", new double[] {4, 5}), "empty", map(),
        "last", 9);
  }

  /** Same message with every sequence empty (fixed arrays keep their lengths). */
  static Map<String, Object> arraysEmpty() {
    return map("bools", new boolean[0], "bytes", new byte[0], "chars", new byte[3], "int8s", new byte[0], "uint8s",
        new byte[0], "int16s", new short[0], "uint16s", new int[2], "int32s", new int[0], "uint32s", new long[0],
        "int64s", new long[0], "uint64s", new Uint64Array(new long[0]), "float32s", new float[0], "float64s",
        new double[3], "strings", List.of(), "bounded_strings", List.of(), "fixed_strings", List.of("", ""),
        "points", List.of(), "fixed_points", List.of(point(0, 0, 0L), point(0, 0, 0L)), "nested",
        map("points", List.of(), "label", "", "values", new double[0]), "empty", map(), "last", 0);
  }

  /**
   * A form of a value that compares deeply with equals: primitive arrays become lists of their boxed elements
   * (keeping the element type, so double[] and float[] stay different), with NaN equal to itself as Double does.
   */
  static Object comparable(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, comparable(v)));
      return out;
    } else if (value instanceof List<?> list) {
      return list.stream().map(Ros2Samples::comparable).toList();
    } else if (value instanceof Uint64Array u) {
      return "uint64" + u;
    } else if (value != null && value.getClass().isArray()) {
      List<Object> out = new ArrayList<>();
      out.add(value.getClass().getComponentType().getName());
      for (int i = 0; i < Array.getLength(value); i++) {
        out.add(Array.get(value, i));
      }
      return out;
    }
    return value;
  }
}
