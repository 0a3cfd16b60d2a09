package ai.curate.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.mcap.McapMapping;
import ai.curate.mcap.McapMessage;
import ai.curate.mcap.McapMessageIterator;
import ai.curate.mcap.McapReader;
import ai.curate.mcap.McapSummary;
import ai.curate.mcap.MessageOrder;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.ChunkIndex;
import ai.curate.mcap.records.Metadata;
import ai.curate.mcap.records.MetadataIndex;
import ai.curate.mcap.ros2.MessageDecoders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code generate-sample --format mcap}: from one seed, the MCAP recordings hold exactly the bundles' samples (values
 * and times, stream by stream), in the Neo mapping v1 layout, with several zstd and lz4 chunks and the
 * {@code session} metadata.
 */
class McapSampleTest {
  private static final long SEED = 5;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static SampleReport bundles;
  private static SampleReport recordings;

  /** One decoded message: its log and publish time and its value. */
  record Decoded(long logTime, long publishTime, Map<String, Object> value) {}

  @BeforeAll
  static void generateBothFormats() {
    bundles = new SampleGenerator().generate(options(SampleFixture.tempDir("curate-mcap-bundle")));
    recordings = new SampleGenerator()
        .generate(options(SampleFixture.tempDir("curate-mcap-mcap")).withFormat(SampleFormat.MCAP));
  }

  /** Two sessions, no clips: the human clips do not depend on the format. */
  private static SampleOptions options(Path out) {
    return new SampleOptions(out, SampleFixture.DATE, 2, 0, SEED, SampleFixture.SESSION_MINUTES,
        SampleFixture.CLIP_SECONDS, false, SampleFixture.neoUrdf(), 2);
  }

  @Test
  void writesOneRecordingPerSessionAndNoBundles() {
    assertThat(recordings.sessions()).hasSize(2);
    for (SampleReport.SessionSummary s : recordings.sessions()) {
      assertThat(s.path()).isEqualTo("mcap/date=2026-01-15/" + s.robotId() + "_" + s.sessionId());
      assertThat(recordings.out().resolve(s.path()).resolve(s.sessionId() + ".mcap")).isRegularFile();
    }
    assertThat(recordings.out().resolve("fleet")).doesNotExist();
    assertThat(recordings.out().resolve(SampleGenerator.MCAP_STAGING)).doesNotExist();
    assertThat(recordings.sessions().stream().map(SampleReport.SessionSummary::sessionId))
        .containsExactlyElementsOf(bundles.sessions().stream().map(SampleReport.SessionSummary::sessionId).toList());
  }

  @Test
  void streamsHoldTheBundlesSamples() {
    for (int i = 0; i < 2; i++) {
      Path bundle = bundles.out().resolve(bundles.sessions().get(i).path());
      Map<String, List<Decoded>> topics = decode(mcapFile(i));
      JsonNode manifest = SampleFixture.json(bundle.resolve("manifest.json"));
      List<String> joints = new ArrayList<>();
      manifest.get("streams").get(0).get("joint_names").forEach(n -> joints.add(n.asText()));
      for (FleetLayout.StreamSpec spec : FleetLayout.STREAMS) {
        ArrowFiles.Table table = ArrowFiles.read(bundle.resolve(spec.file()));
        List<Decoded> messages = topics.get(NeoTopics.stream(spec));
        assertThat(messages).as(spec.name()).hasSize(table.rows());
        for (int row = 0; row < table.rows(); row++) {
          Decoded m = messages.get(row);
          long ts = table.ts()[row];
          assertThat(m.logTime()).as(spec.name() + " row " + row).isEqualTo(ts);
          assertThat(m.publishTime()).isEqualTo(ts);
          Map<String, Object> v = m.value();
          switch (spec.kind()) {
            case JOINT_STATE -> {
              assertThat(stamp(v)).isEqualTo(ts);
              assertThat(v.get("name")).isEqualTo(joints);
              assertThat((double[]) v.get("position")).containsExactly(widen(table.lists().get("position")[row]));
              assertThat((double[]) v.get("velocity")).containsExactly(widen(table.lists().get("velocity")[row]));
              assertThat((double[]) v.get("effort")).containsExactly(widen(table.lists().get("effort")[row]));
            }
            case JOINT_COMMAND -> {
              assertThat(stamp(v)).isEqualTo(ts);
              assertThat(v.get("name")).isEqualTo(joints);
              assertThat((double[]) v.get("position")).containsExactly(widen(table.lists().get("position")[row]));
              assertThat((double[]) v.get("velocity")).isEmpty();
            }
            case WRENCH -> {
              assertThat(stamp(v)).isEqualTo(ts);
              assertThat(frameId(v)).isEqualTo(spec.side().label + "_wrist");
              Map<?, ?> wrench = (Map<?, ?>) v.get("wrench");
              assertThat(xyz(wrench.get("force"))).containsExactly(widen(table.lists().get("force")[row]));
              assertThat(xyz(wrench.get("torque"))).containsExactly(widen(table.lists().get("torque")[row]));
            }
            case TACTILE -> {
              assertThat((float[]) v.get("data")).containsExactly(table.lists().get("pressure")[row]);
              Map<?, ?> dim = (Map<?, ?>) ((List<?>) ((Map<?, ?>) v.get("layout")).get("dim")).get(0);
              assertThat(dim.get("size")).isEqualTo((long) FleetLayout.TAXELS);
            }
          }
        }
      }
    }
  }

  @Test
  void camerasAreJpegFramesStampedWithTheFrameIndexTimes() throws IOException {
    Path bundle = bundles.out().resolve(bundles.sessions().get(0).path());
    Map<String, List<Decoded>> topics = decode(mcapFile(0));
    for (FleetLayout.CameraSpec cam : FleetLayout.CAMERAS) {
      ArrowFiles.Table index = ArrowFiles.read(bundle.resolve(cam.framesFile()));
      List<Decoded> frames = topics.get(NeoTopics.cameraImage(cam.name()));
      assertThat(frames).as(cam.name()).hasSize(index.rows());
      for (int k = 0; k < index.rows(); k++) {
        Decoded f = frames.get(k);
        assertThat(stamp(f.value())).isEqualTo(index.ts()[k]);
        assertThat(f.logTime()).isEqualTo(index.ts()[k]);
        assertThat(f.value().get("format")).isEqualTo("jpeg");
      }
      BufferedImage image = ImageIO.read(new ByteArrayInputStream((byte[]) frames.get(0).value().get("data")));
      assertThat(image.getWidth()).isEqualTo(FleetLayout.VIDEO_WIDTH);
      assertThat(image.getHeight()).isEqualTo(FleetLayout.VIDEO_HEIGHT);
    }
  }

  @Test
  void eventsAreTheEventsJsonlLines() throws IOException {
    Path bundle = bundles.out().resolve(bundles.sessions().get(1).path());
    List<String> lines = Files.readAllLines(bundle.resolve("events.jsonl"), StandardCharsets.UTF_8);
    List<Decoded> events = decode(mcapFile(1)).get(NeoTopics.EVENTS);
    assertThat(events.stream().map(e -> e.value().get("data")).toList()).isEqualTo(lines);
    for (Decoded e : events) {
      // Events are on the robot clock already: their log time is their own ts_ns.
      assertThat(e.logTime()).isEqualTo(MAPPER.readTree((String) e.value().get("data")).get("ts_ns").asLong());
    }
  }

  @Test
  void sessionMetadataNamesTheSessionAndItsClocks() {
    for (int i = 0; i < 2; i++) {
      SampleReport.SessionSummary s = bundles.sessions().get(i);
      JsonNode manifest = SampleFixture.json(bundles.out().resolve(s.path()).resolve("manifest.json"));
      try (McapReader reader = McapReader.open(mcapFile(i))) {
        List<MetadataIndex> indexes = reader.summary().orElseThrow().metadataIndexes();
        assertThat(indexes).extracting(MetadataIndex::name).containsExactly("session");
        Metadata session = reader.metadata(indexes.get(0));
        Map<String, String> m = session.metadata();
        assertThat(m).containsEntry("format", "neo-mcap").containsEntry("format_version", "1")
            .containsEntry("session_id", s.sessionId()).containsEntry("robot_id", s.robotId())
            .containsEntry("robot_model", "neo")
            .containsEntry("start_ts_ns", manifest.get("start_ts_ns").asText())
            .containsEntry("end_ts_ns", manifest.get("end_ts_ns").asText());
        for (JsonNode stream : manifest.get("streams")) {
          String topic = NeoTopics.stream(FleetLayout.stream(stream.get("name").asText()));
          assertThat(m).containsEntry("clock_offset_ns:" + topic, stream.get("clock_offset_ns").asText());
        }
        for (JsonNode cam : manifest.get("cameras")) {
          assertThat(m).containsEntry("clock_offset_ns:" + NeoTopics.cameraImage(cam.get("name").asText()),
              cam.get("clock_offset_ns").asText());
        }
      }
    }
  }

  @Test
  void recordingsHaveSeveralChunksInZstdAndLz4() {
    List<String> compressions = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      try (McapReader reader = McapReader.open(mcapFile(i))) {
        assertThat(reader.header().profile()).isEqualTo("ros2");
        List<ChunkIndex> chunks = reader.summary().orElseThrow().chunkIndexes();
        assertThat(chunks.size()).as("chunks of session " + i).isGreaterThan(3);
        assertThat(chunks).extracting(ChunkIndex::compression).containsOnly(chunks.get(0).compression());
        compressions.add(chunks.get(0).compression());
        for (int k = 1; k < chunks.size(); k++) {
          // Messages are written in log-time order across channels, as a recorder writes them.
          assertThat(chunks.get(k).messageStartTime()).isGreaterThanOrEqualTo(chunks.get(k - 1).messageEndTime());
        }
      }
    }
    assertThat(compressions).containsExactly("zstd", "lz4");
  }

  @Test
  void everyTopicIsInTheShippedNeoMappingWithItsType() {
    McapMapping mapping = McapMapping.load(SampleFixture.projectDir().resolve("configs/mcap/neo.yaml"));
    try (McapReader reader = McapReader.open(mcapFile(0))) {
      McapSummary summary = reader.summary().orElseThrow();
      assertThat(summary.channels()).hasSize(FleetLayout.STREAMS.size() + FleetLayout.CAMERAS.size() + 1);
      for (Channel c : summary.channels().values()) {
        McapMapping.Topic entry = mapping.topic(c.topic());
        assertThat(entry).as(c.topic()).isNotNull();
        assertThat(summary.schemas().get(c.schemaId()).name()).as(c.topic()).isEqualTo(entry.messageType());
        if (entry.stream() != null) {
          FleetLayout.StreamSpec spec = FleetLayout.stream(entry.stream());
          assertThat(NeoTopics.stream(spec)).isEqualTo(c.topic());
        }
      }
    }
  }

  /** Foxglove's reader (another implementation) reads the same file: channels, messages, chunks, metadata. */
  @Test
  void foxglovesReaderReadsTheRecordings() throws Exception {
    for (int i = 0; i < 2; i++) {
      JsonNode digest = FoxgloveDigest.of(mcapFile(i));
      try (McapReader reader = McapReader.open(mcapFile(i))) {
        McapSummary summary = reader.summary().orElseThrow();
        assertThat(digest.at("/header/profile").asText()).isEqualTo("ros2");
        for (JsonNode c : digest.get("channels")) {
          Channel ours = summary.channels().get(c.get("id").asInt());
          assertThat(c.get("topic").asText()).isEqualTo(ours.topic());
          assertThat(c.get("schemaName").asText()).isEqualTo(summary.schemas().get(ours.schemaId()).name());
          assertThat(c.get("messageCount").asLong())
              .isEqualTo(summary.statistics().orElseThrow().channelMessageCounts().get(ours.id()));
        }
        List<String> theirs = new ArrayList<>();
        digest.get("messages").forEach(m -> theirs.add(m.get(0).asInt() + "@" + m.get(2).asText()));
        List<String> ourOrder = new ArrayList<>();
        try (McapMessageIterator it = reader.messages(MessageOrder.FILE)) {
          it.forEachRemaining(m -> ourOrder.add(m.channel().id() + "@" + m.logTime()));
        }
        assertThat(theirs).isEqualTo(ourOrder);
        assertThat(digest.at("/indexed/chunkCount").asInt()).isEqualTo(summary.chunkIndexes().size());
        assertThat(digest.at("/indexed/compressions").get(0).asText()).isEqualTo(i == 0 ? "zstd" : "lz4");
        assertThat(digest.at("/metadata/0/name").asText()).isEqualTo("session");
        assertThat(digest.at("/metadata/0/metadata/session_id").asText())
            .isEqualTo(recordings.sessions().get(i).sessionId());
      }
    }
  }

  /** The same seed gives the same recording, byte for byte (here: a first session generated without the second). */
  @Test
  void sameSeedGivesTheSameRecording() throws IOException {
    SampleReport again = new SampleGenerator().generate(new SampleOptions(SampleFixture.tempDir("curate-mcap-again"),
        SampleFixture.DATE, 1, 0, SEED, SampleFixture.SESSION_MINUTES, SampleFixture.CLIP_SECONDS, false,
        SampleFixture.neoUrdf(), 1, SampleFormat.MCAP));
    SampleReport.SessionSummary s = again.sessions().get(0);
    Path file = again.out().resolve(s.path()).resolve(s.sessionId() + ".mcap");
    assertThat(Files.mismatch(file, mcapFile(0))).isEqualTo(-1L);
  }

  private static Path mcapFile(int session) {
    SampleReport.SessionSummary s = recordings.sessions().get(session);
    return recordings.out().resolve(s.path()).resolve(s.sessionId() + ".mcap");
  }

  /** Every message of the file by topic, in file order, decoded with the channel's schema. */
  static Map<String, List<Decoded>> decode(Path file) {
    Map<String, List<Decoded>> out = new LinkedHashMap<>();
    try (McapReader reader = McapReader.open(file); McapMessageIterator it = reader.messages(MessageOrder.FILE)) {
      while (it.hasNext()) {
        McapMessage m = it.next();
        assertThat(m.channel().messageEncoding()).isEqualTo("cdr");
        assertThat(m.schema().encoding()).isEqualTo("ros2msg");
        Map<String, Object> value = MessageDecoders.forChannel(m.channel().messageEncoding(), m.schema().name(),
            m.schema().encoding(), m.schema().data()).decode(m.data());
        out.computeIfAbsent(m.topic(), t -> new ArrayList<>())
            .add(new Decoded(m.logTime(), m.message().publishTime(), value));
      }
    } catch (Exception e) {
      throw new AssertionError("cannot read " + file + ": " + e, e);
    }
    return out;
  }

  static long stamp(Map<String, Object> message) {
    Map<?, ?> stamp = (Map<?, ?>) ((Map<?, ?>) message.get("header")).get("stamp");
    return ((Number) stamp.get("sec")).longValue() * 1_000_000_000L + ((Number) stamp.get("nanosec")).longValue();
  }

  private static String frameId(Map<String, Object> message) {
    return (String) ((Map<?, ?>) message.get("header")).get("frame_id");
  }

  private static double[] xyz(Object vector) {
    Map<?, ?> v = (Map<?, ?>) vector;
    return new double[] {(Double) v.get("x"), (Double) v.get("y"), (Double) v.get("z")};
  }

  private static double[] widen(float[] values) {
    double[] out = new double[values.length];
    for (int k = 0; k < values.length; k++) {
      out[k] = values[k];
    }
    return out;
  }
}
