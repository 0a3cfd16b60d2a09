package ai.curate.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.sample.NeoRos2Schemas;
import ai.curate.mcap.McapWriter;
import ai.curate.mcap.McapWriterOptions;
import ai.curate.mcap.McapWriterOptions.Compression;
import ai.curate.mcap.ros2.CdrMessageEncoder;
import ai.curate.mcap.ros2.Ros2MsgSchemaParser;
import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code curate mcap info} and {@code cat}: on a real rosbag2 recording (facts from its metadata.yaml, written by
 * rosbag2, not by us) and on files our writer makes for what the recording lacks (lz4, several chunks, no summary,
 * damage, a message that does not decode).
 */
class McapCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JOINT_STATE = NeoRos2Schemas.text(NeoRos2Schemas.JOINT_STATE);

  @Test
  void infoOfTheRos2TalkerBagAgreesWithRosbag2sOwnMetadata() throws Exception {
    Path bag = Fixtures.mcap("talker.mcap");

    CliRun run = CliRun.of("mcap", "info", bag.toString(), "--format", "json");

    assertThat(run.code()).as(run.err()).isZero();
    JsonNode info = JSON.readTree(run.out());
    // talker.metadata.yaml: 20 messages, 10 on /topic (std_msgs/msg/String), 10 on /rosout (Log), 0 parameter events,
    // starting at 1585866235112411371 ns, lasting 4531096768 ns.
    assertThat(info.get("profile").asText()).isEqualTo("ros2");
    assertThat(info.get("message_count").asLong()).isEqualTo(20);
    assertThat(info.get("start_time").asLong()).isEqualTo(1585866235112411371L);
    assertThat(info.get("end_time").asLong() - info.get("start_time").asLong()).isEqualTo(4531096768L);
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, Long> counts = new LinkedHashMap<>();
    info.get("channels").forEach(c -> {
      types.put(c.get("topic").asText(), c.get("schema_name").asText());
      counts.put(c.get("topic").asText(), c.get("message_count").asLong());
      assertThat(c.get("message_encoding").asText()).isEqualTo("cdr");
      assertThat(c.get("schema_encoding").asText()).isEqualTo("ros2msg");
    });
    assertThat(types).containsEntry("/topic", "std_msgs/msg/String").containsEntry("/rosout", "rcl_interfaces/msg/Log")
        .containsEntry("/parameter_events", "rcl_interfaces/msg/ParameterEvent");
    assertThat(counts).containsEntry("/topic", 10L).containsEntry("/rosout", 10L);
    assertThat(info.get("read_from").asText()).isEqualTo("summary");

    CliRun text = CliRun.of("mcap", "info", bag.toString());
    assertThat(text.out()).contains("profile:     ros2").contains("/topic").contains("10 msgs : std_msgs/msg/String");
  }

  @Test
  void catOfTheTalkerBagPrintsTheStringsTheTalkerDemoPublished() throws Exception {
    Path bag = Fixtures.mcap("talker.mcap");

    CliRun run = CliRun.of("mcap", "cat", bag.toString(), "--topic", "/topic", "--limit", "3");

    assertThat(run.code()).as(run.err()).isZero();
    List<String> lines = run.out().strip().lines().toList();
    assertThat(lines).hasSize(3);
    long previous = 0;
    for (String line : lines) {
      JsonNode message = JSON.readTree(line);
      assertThat(message.get("topic").asText()).isEqualTo("/topic");
      // rosbag2's talker recording: "Hello, world! <n>", counting from 0.
      assertThat(message.at("/message/data").asText()).isEqualTo("Hello, world! " + lines.indexOf(line));
      assertThat(message.get("log_time").asLong()).isGreaterThanOrEqualTo(previous);
      assertThat(message.has("publish_time") && message.has("sequence")).isTrue();
      previous = message.get("log_time").asLong();
    }
  }

  @Test
  void catDecodesJointStatesFromLz4ChunksOfAFileWithoutSummaryExactly(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("joints.mcap");
    writeJointStates(file, McapWriterOptions.defaults().withProfile("ros2").withCompression(Compression.LZ4)
        .withChunkSize(200).withSummary(false), 5);

    CliRun info = CliRun.of("mcap", "info", file.toString(), "--format", "json");
    CliRun cat = CliRun.of("mcap", "cat", file.toString());

    assertThat(info.code()).as(info.err()).isZero();
    JsonNode facts = JSON.readTree(info.out());
    assertThat(facts.get("read_from").asText()).isEqualTo("scan");
    assertThat(facts.get("chunk_count").asLong()).isGreaterThan(1);
    assertThat(facts.at("/chunk_compressions/lz4").asLong()).isEqualTo(facts.get("chunk_count").asLong());
    assertThat(cat.code()).as(cat.err()).isZero();
    List<String> lines = cat.out().strip().lines().toList();
    assertThat(lines).hasSize(5);
    JsonNode last = JSON.readTree(lines.get(4));
    assertThat(last.get("log_time").asLong()).isEqualTo(1_700_000_000_000_000_000L + 4 * 10_000_000L);
    assertThat(last.at("/message/header/stamp/sec").asLong()).isEqualTo(1_700_000_000L);
    assertThat(last.at("/message/header/stamp/nanosec").asLong()).isEqualTo(40_000_000L);
    assertThat(last.at("/message/name/1").asText()).isEqualTo("right_elbow");
    assertThat(last.at("/message/position/1").asDouble()).isEqualTo(-0.25 * 4);
    assertThat(last.at("/message/velocity/0").asText()).isEqualTo("NaN");
  }

  @Test
  void aTruncatedRecordingIsReadUpToTheDamageWithOneWarning(@TempDir Path dir) throws Exception {
    Path whole = dir.resolve("whole.mcap");
    writeJointStates(whole, McapWriterOptions.defaults().withCompression(Compression.ZSTD).withChunkSize(200), 20);
    byte[] bytes = Files.readAllBytes(whole);
    Path cut = dir.resolve("crashed.mcap");
    Files.write(cut, Arrays.copyOf(bytes, bytes.length / 3));

    CliRun cat = CliRun.of("mcap", "cat", cut.toString());

    assertThat(cat.code()).as(cat.err()).isZero();
    long printed = cat.out().strip().lines().count();
    assertThat(printed).isBetween(1L, 19L);
    assertThat(cat.err().strip().lines()).singleElement().asString().startsWith("warning: ")
        .contains("crashed.mcap is damaged: truncated at byte");
  }

  @Test
  void aFileThatIsNotMcapIsOneLine(@TempDir Path dir) throws Exception {
    Path notMcap = dir.resolve("video.mp4");
    Files.writeString(notMcap, "certainly not an MCAP file, just text long enough to hold a magic");

    CliRun.of("mcap", "info", notMcap.toString()).assertUserError("video.mp4 is not a readable MCAP file",
        "bad_magic");
    CliRun.of("mcap", "cat", notMcap.toString()).assertUserError("bad_magic");
    CliRun.of("mcap", "info", dir.resolve("missing.mcap").toString()).assertUserError("file not found");
  }

  @Test
  void aMisspeltTopicNamesTheFilesTopics(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("joints.mcap");
    writeJointStates(file, McapWriterOptions.defaults(), 2);

    CliRun.of("mcap", "cat", file.toString(), "--topic", "/joint_state").assertUserError("--topic /joint_state",
        "topics: /joint_states");
  }

  @Test
  void aMessageThatDoesNotDecodeIsAWarningAndTheRestIsPrinted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.mcap");
    byte[] schema = JOINT_STATE.getBytes(StandardCharsets.UTF_8);
    CdrMessageEncoder encoder = new CdrMessageEncoder(Ros2MsgSchemaParser.parse("sensor_msgs/msg/JointState",
        JOINT_STATE));
    try (McapWriter writer = McapWriter.create(file, McapWriterOptions.defaults())) {
      int channel = writer.addChannel(writer.addSchema("sensor_msgs/msg/JointState", "ros2msg", schema),
          "/joint_states", "cdr", Map.of());
      byte[] good = encoder.encode(jointState(0));
      writer.addMessage(channel, 0, 1, 1, good);
      writer.addMessage(channel, 1, 2, 2, Arrays.copyOf(good, 9)); // cut inside the header
      writer.addMessage(channel, 2, 3, 3, good);
    }

    CliRun cat = CliRun.of("mcap", "cat", file.toString());

    assertThat(cat.code()).as(cat.err()).isZero();
    assertThat(cat.out().strip().lines()).hasSize(2);
    assertThat(cat.err().strip().lines()).singleElement().asString().startsWith("warning: message message_undecodable")
        .contains("/joint_states").contains("sequence 1").contains("skipped");
  }

  private static void writeJointStates(Path file, McapWriterOptions options, int count) throws Exception {
    CdrMessageEncoder encoder = new CdrMessageEncoder(Ros2MsgSchemaParser.parse("sensor_msgs/msg/JointState",
        JOINT_STATE));
    try (McapWriter writer = McapWriter.create(file, options)) {
      int schema = writer.addSchema("sensor_msgs/msg/JointState", "ros2msg",
          JOINT_STATE.getBytes(StandardCharsets.UTF_8));
      int channel = writer.addChannel(schema, "/joint_states", "cdr", Map.of());
      for (int i = 0; i < count; i++) {
        long t = 1_700_000_000_000_000_000L + i * 10_000_000L;
        writer.addMessage(channel, i, t, t, encoder.encode(jointState(i)));
      }
    }
  }

  private static Map<String, Object> jointState(int i) {
    Map<String, Object> stamp = new LinkedHashMap<>();
    stamp.put("sec", 1_700_000_000);
    stamp.put("nanosec", (long) i * 10_000_000L);
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("stamp", stamp);
    header.put("frame_id", "base");
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("header", header);
    message.put("name", List.of("left_elbow", "right_elbow"));
    message.put("position", new double[] {0.5 * i, -0.25 * i});
    message.put("velocity", new double[] {Double.NaN, 0});
    message.put("effort", new double[0]);
    return message;
  }
}
