package ai.curate.jobs.sample;

import ai.curate.mcap.McapWriter;
import ai.curate.mcap.McapWriterOptions;
import ai.curate.mcap.ros2.CdrMessageEncoder;
import ai.curate.mcap.ros2.Ros2MsgSchemaParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Writes one generated fleet session as an MCAP recording with the Neo mapping v1 (docs/raw-formats.md): the
 * {@code session} Metadata record, ROS 2 schemas, CDR_LE messages in compressed chunks. It receives the very samples
 * the bundle gets ({@link SessionSink}), so both formats of one seed hold the same values and times.
 *
 * <p>Every message's log time and publish time is the sample's device time (the bundle's {@code ts_ns} or
 * {@code capture_ts_ns}; for events the robot-clock {@code ts_ns}), and header stamps carry the same time, so a
 * reader finds the sample time both where the message has a header and where it has none.
 */
final class McapSessionWriter implements SessionSink {
  /** Small enough that even a short sample session spans several chunks. */
  static final long CHUNK_BYTES = 1 << 20;
  static final String FORMAT = "neo-mcap";
  static final int FORMAT_VERSION = 1;
  /** The CompressedImage format of the camera frames. */
  static final String IMAGE_FORMAT = "jpeg";

  private record Channel(String topic, String type, CdrMessageEncoder encoder, MessageSpool spool) {}

  private final Path file;
  private final Path spoolDir;
  private final Plans.Session plan;
  private final List<String> jointNames;
  private final McapWriterOptions.Compression compression;
  private final Map<String, Channel> channels = new LinkedHashMap<>();
  private final Map<String, CdrMessageEncoder> encoders = new LinkedHashMap<>();

  /**
   * @param file the {@code .mcap} file to write
   * @param spoolDir an empty scratch folder for the channel spools (removed by the caller)
   */
  McapSessionWriter(Path file, Path spoolDir, Plans.Session plan, List<String> jointNames,
      McapWriterOptions.Compression compression) {
    this.file = file;
    this.spoolDir = spoolDir;
    this.plan = plan;
    this.jointNames = List.copyOf(jointNames);
    this.compression = compression;
  }

  /** Where a session's recording goes: {@code mcap/date=D/<robot>_<session>/<session>.mcap}. */
  static String relativeDir(String date, Plans.Session plan) {
    return "mcap/date=" + date + "/" + plan.robotId() + "_" + plan.sessionId();
  }

  @Override
  public void rows(FleetLayout.StreamSpec spec, StreamBatch batch) {
    Channel channel = channel(NeoTopics.stream(spec), NeoTopics.messageType(spec));
    for (int row = 0; row < batch.rows; row++) {
      long ts = batch.ts[row];
      Map<String, Object> message = switch (spec.kind()) {
        case JOINT_STATE -> NeoMessages.jointState(ts, jointNames, batch, row, 3);
        case JOINT_COMMAND -> NeoMessages.jointState(ts, jointNames, batch, row, 1);
        case WRENCH -> NeoMessages.wrench(ts, spec.side(), batch, row);
        case TACTILE -> NeoMessages.tactile(batch, row);
      };
      channel.spool().add(ts, channel.encoder().encode(message));
    }
  }

  @Override
  public void frame(FleetLayout.CameraSpec camera, long captureTsNs, Canvas canvas) {
    Channel channel = channel(NeoTopics.cameraImage(camera.name()), NeoRos2Schemas.COMPRESSED_IMAGE);
    Map<String, Object> message = NeoMessages.compressedImage(captureTsNs, camera.name(), IMAGE_FORMAT,
        JpegFrames.encode(canvas));
    channel.spool().add(captureTsNs, channel.encoder().encode(message));
  }

  @Override
  public void event(long tsNs, String line) {
    Channel channel = channel(NeoTopics.EVENTS, NeoRos2Schemas.STRING);
    channel.spool().add(tsNs, channel.encoder().encode(Map.of("data", line)));
  }

  /** Writes the file: metadata, schemas and channels, then every spooled message merged in log-time order. */
  @Override
  public void finish() {
    McapWriterOptions options = McapWriterOptions.defaults().withProfile("ros2").withLibrary("curate generate-sample")
        .withChunkSize(CHUNK_BYTES).withCompression(compression);
    try {
      Files.createDirectories(file.getParent());
      try (McapWriter writer = McapWriter.create(file, options)) {
        writer.addMetadata(NeoTopics.SESSION_METADATA, sessionMetadata());
        Map<String, Integer> schemaIds = new LinkedHashMap<>();
        PriorityQueue<MessageSpool> queue = new PriorityQueue<>(
            Comparator.comparingLong((MessageSpool s) -> s.logTime).thenComparingInt(s -> s.channelId));
        for (Channel c : channels.values()) {
          int schema = schemaIds.computeIfAbsent(c.type(), t -> addSchema(writer, t));
          int id = writer.addChannel(schema, c.topic(), "cdr", Map.of());
          if (id != c.spool().channelId) {
            throw new IllegalStateException("channel ids out of step at " + c.topic());
          }
          if (c.spool().next()) {
            queue.add(c.spool());
          }
        }
        long[] sequence = new long[channels.size() + 1];
        while (!queue.isEmpty()) {
          MessageSpool s = queue.poll();
          writer.addMessage(s.channelId, sequence[s.channelId]++, s.logTime, s.logTime, s.data);
          if (s.next()) {
            queue.add(s);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } finally {
      channels.values().forEach(c -> c.spool().close());
    }
  }

  /**
   * The {@code session} record: what the bundle's manifest says and a reader needs. Clock offsets are keyed by
   * topic ({@code clock_offset_ns:/wrist_ft/left}); a topic without one is on the robot clock.
   */
  private Map<String, String> sessionMetadata() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("format_version", Integer.toString(FORMAT_VERSION));
    m.put("session_id", plan.sessionId());
    m.put("robot_id", plan.robotId());
    m.put("robot_model", "neo");
    m.put("software_version", plan.softwareVersion());
    m.put("start_ts_ns", Long.toString(plan.startTsNs()));
    m.put("end_ts_ns", Long.toString(plan.tsNs(plan.durationS())));
    for (FleetLayout.StreamSpec spec : FleetLayout.STREAMS) {
      m.put("clock_offset_ns:" + NeoTopics.stream(spec), Long.toString(plan.clockOffsetsNs().get(spec.name())));
      m.put("rate_hz:" + NeoTopics.stream(spec), Double.toString(spec.rateHz()));
    }
    for (FleetLayout.CameraSpec cam : FleetLayout.CAMERAS) {
      m.put("clock_offset_ns:" + NeoTopics.cameraImage(cam.name()),
          Long.toString(plan.clockOffsetsNs().get(cam.name())));
      m.put("rate_hz:" + NeoTopics.cameraImage(cam.name()), Double.toString(cam.fps()));
    }
    return m;
  }

  private static int addSchema(McapWriter writer, String type) {
    try {
      return writer.addSchema(type, "ros2msg", NeoRos2Schemas.text(type).getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The channel of {@code topic}, opened on first use; ids follow the order of first use, as the file's will. */
  private Channel channel(String topic, String type) {
    return channels.computeIfAbsent(topic, t -> {
      CdrMessageEncoder encoder = encoders.computeIfAbsent(type,
          k -> new CdrMessageEncoder(Ros2MsgSchemaParser.parse(k, NeoRos2Schemas.text(k))));
      int id = channels.size() + 1;
      return new Channel(t, type, encoder, new MessageSpool(id, spoolDir.resolve(id + ".spool")));
    });
  }
}
