package ai.curate.jobs.mcap;

import ai.curate.jobs.sample.NeoRos2Schemas;
import ai.curate.mcap.McapWriter;
import ai.curate.mcap.McapWriterOptions;
import ai.curate.mcap.ros2.CdrMessageEncoder;
import ai.curate.mcap.ros2.Ros2MsgSchemaParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small Neo-mapped MCAP recording written message by message for the ingest tests: {@code /joint_states} at
 * 100 Hz and {@code /wrist_ft/left} at 100 Hz for {@code seconds}, with the {@code session} record, and the hooks the
 * bad-input tests need (foreign joint names, a garbage schema, one truncated message, no summary).
 */
final class TestRecording {
  static final long START_NS = 1_768_464_000_000_000_000L; // 2026-01-15T08:00Z
  static final long PERIOD_NS = 10_000_000L;

  String sessionId = "rec-1";
  String robotId = "neo-0100";
  List<String> jointNames;
  int seconds = 2;
  long chunkSize = 4096;
  McapWriterOptions.Compression compression = McapWriterOptions.Compression.ZSTD;
  boolean summary = true;
  boolean sessionRecord = true;
  String jointSchemaText;
  /** Index of a /joint_states message to write truncated (-1: none). */
  int truncatedMessage = -1;
  /**
   * H.264 access units for {@code /camera/front/video} (foxglove_msgs/msg/CompressedVideo), one every 4th message
   * index (25 fps), as many as there are; none when empty.
   */
  List<byte[]> videoFrames = List.of();
  /** Sample time of /joint_states message k (its header stamp and log time), when set; else START_NS + k * PERIOD. */
  long[] jointTimes;
  /** First and last message index (of each topic) this file holds: for split sets. */
  int from = 0;
  int to = Integer.MAX_VALUE;

  static final String COMPRESSED_VIDEO = "foxglove_msgs/msg/CompressedVideo";
  /** The message definition as Foxglove's ROS 2 package ships it, with its dependency. */
  static final String COMPRESSED_VIDEO_TEXT = """
      builtin_interfaces/Time timestamp
      string frame_id
      uint8[] data
      string format
      ================================================================================
      MSG: builtin_interfaces/Time
      int32 sec
      uint32 nanosec
      """;

  TestRecording(List<String> jointNames) {
    this.jointNames = List.copyOf(jointNames);
    this.jointSchemaText = NeoRos2Schemas.text(NeoRos2Schemas.JOINT_STATE);
  }

  int messages() {
    return seconds * 100;
  }

  /** Joint i's position at message k: distinct values, so a misplaced element shows. */
  static double position(int joint, int k) {
    return joint * 0.01 + k * 1e-4;
  }

  void write(Path file) {
    McapWriterOptions options = McapWriterOptions.defaults().withProfile("ros2").withChunkSize(chunkSize)
        .withCompression(compression).withSummary(summary);
    CdrMessageEncoder joints = new CdrMessageEncoder(Ros2MsgSchemaParser.parse(NeoRos2Schemas.JOINT_STATE,
        NeoRos2Schemas.text(NeoRos2Schemas.JOINT_STATE)));
    CdrMessageEncoder wrench = new CdrMessageEncoder(Ros2MsgSchemaParser.parse(NeoRos2Schemas.WRENCH_STAMPED,
        NeoRos2Schemas.text(NeoRos2Schemas.WRENCH_STAMPED)));
    try {
      Files.createDirectories(file.getParent());
      try (McapWriter w = McapWriter.create(file, options)) {
        if (sessionRecord) {
          Map<String, String> m = new LinkedHashMap<>();
          m.put("session_id", sessionId);
          m.put("robot_id", robotId);
          m.put("robot_model", "neo");
          m.put("format", "neo-mcap");
          m.put("format_version", "1");
          m.put("clock_offset_ns:/wrist_ft/left", "1500");
          w.addMetadata("session", m);
        }
        int js = w.addSchema(NeoRos2Schemas.JOINT_STATE, "ros2msg",
            jointSchemaText.getBytes(StandardCharsets.UTF_8));
        int ws = w.addSchema(NeoRos2Schemas.WRENCH_STAMPED, "ros2msg",
            NeoRos2Schemas.text(NeoRos2Schemas.WRENCH_STAMPED).getBytes(StandardCharsets.UTF_8));
        int jc = w.addChannel(js, "/joint_states", "cdr", Map.of());
        int wc = w.addChannel(ws, "/wrist_ft/left", "cdr", Map.of());
        int other = w.addChannel(ws, "/not/mapped", "cdr", Map.of());
        CdrMessageEncoder video = new CdrMessageEncoder(Ros2MsgSchemaParser.parse(COMPRESSED_VIDEO,
            COMPRESSED_VIDEO_TEXT));
        int vc = videoFrames.isEmpty()
            ? -1
            : w.addChannel(w.addSchema(COMPRESSED_VIDEO, "ros2msg",
                COMPRESSED_VIDEO_TEXT.getBytes(StandardCharsets.UTF_8)), "/camera/front/video", "cdr", Map.of());
        for (int k = Math.max(0, from); k < Math.min(messages(), to); k++) {
          long ts = START_NS + k * PERIOD_NS;
          long jointTs = jointTimes == null ? ts : jointTimes[k];
          Map<String, Object> js1 = new LinkedHashMap<>();
          js1.put("header", header(jointTs));
          js1.put("name", jointNames);
          double[] position = new double[jointNames.size()];
          for (int j = 0; j < position.length; j++) {
            position[j] = position(j, k);
          }
          js1.put("position", position);
          js1.put("velocity", new double[jointNames.size()]);
          js1.put("effort", new double[jointNames.size()]);
          byte[] data = joints.encode(js1);
          if (k == truncatedMessage) {
            data = Arrays.copyOf(data, 20);
          }
          w.addMessage(jc, k, jointTs, jointTs, data);
          Map<String, Object> wr = new LinkedHashMap<>();
          wr.put("header", header(ts));
          wr.put("wrench", Map.of("force", vector(k, 1), "torque", vector(k, 2)));
          byte[] wrenchData = wrench.encode(wr);
          w.addMessage(wc, k, ts, ts, wrenchData);
          w.addMessage(other, k, ts, ts, wrenchData);
          if (vc >= 0 && k % 4 == 0 && k / 4 < videoFrames.size()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("timestamp", header(ts).get("stamp"));
            v.put("frame_id", "front");
            v.put("data", videoFrames.get(k / 4));
            v.put("format", "h264");
            w.addMessage(vc, k / 4, ts, ts, video.encode(v));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> header(long ts) {
    Map<String, Object> stamp = new LinkedHashMap<>();
    stamp.put("sec", (int) (ts / 1_000_000_000L));
    stamp.put("nanosec", ts % 1_000_000_000L);
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("stamp", stamp);
    h.put("frame_id", "");
    return h;
  }

  private static Map<String, Object> vector(int k, int scale) {
    Map<String, Object> v = new LinkedHashMap<>();
    v.put("x", k * 0.5 * scale);
    v.put("y", -k * 0.25 * scale);
    v.put("z", 1.0 * scale);
    return v;
  }

  static List<String> withForeign(List<String> names, String foreign) {
    List<String> out = new ArrayList<>(names);
    out.set(0, foreign);
    return out;
  }
}
