package ai.curate.mcap.ros2;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.mcap.NodeCrossCheck;
import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real rosbag2 recordings (the shared fixtures): ros2-extract.mjs pulls schemas and message bytes out with Foxglove's
 * MCAP reader and decodes them with Foxglove's MessageReader; every message must decode here to the same values.
 * The schemas are rosbag2's own, including a dependency repeated three times (rcl_interfaces/msg/ParameterEvent).
 */
class Ros2RealBagCrossCheckTest {
  @Test
  void talkerDecodesLikeFoxglove(@TempDir Path dir) throws Exception {
    Map<String, Integer> perTopic = decodeAll(Fixtures.mcap("talker.mcap"), dir);
    assertThat(perTopic).containsEntry("/topic", 10).containsEntry("/rosout", 10).containsEntry("/parameter_events", 0);
  }

  @Test
  void basicTypesAndEmptyDecodeLikeFoxglove(@TempDir Path dir) throws Exception {
    Map<String, Integer> perTopic = decodeAll(Fixtures.mcap("rewriter_a_0.mcap"), dir);
    assertThat(perTopic).containsEntry("a_empty", 100).containsEntry("b_basictypes", 50);
  }

  @Test
  void parameterEventWeEncodeWithTheRealSchemaDecodesInFoxglove(@TempDir Path dir) throws Exception {
    Path bag = Fixtures.mcap("talker.mcap");
    JsonNode channel = null;
    NodeCrossCheck.run("ros2-extract.mjs", bag.toString(), dir.toString());
    for (JsonNode c : FoxgloveJson.MAPPER.readTree(dir.resolve("channels.json").toFile())) {
      if (c.get("topic").asText().equals("/parameter_events")) {
        channel = c;
      }
    }
    assertThat(channel).isNotNull();
    String schemaText = channel.get("schemaText").asText();
    MessageSchema schema = Ros2MsgSchemaParser.parse(channel.get("schemaName").asText(), schemaText);
    Map<String, Object> value = Ros2Samples.map("type", 9, "bool_value", true, "integer_value", Long.MIN_VALUE,
        "double_value", -0.5, "string_value", "s", "byte_array_value", new byte[] {(byte) 200, 1},
        "bool_array_value", new boolean[] {false, true}, "integer_array_value", new long[] {Long.MAX_VALUE, -1},
        "double_array_value", new double[] {Double.NaN, 1e-9}, "string_array_value", List.of("a", ""));
    Map<String, Object> event = Ros2Samples.map("stamp", Ros2Samples.map("sec", 1, "nanosec", 2L), "node", "/talker",
        "new_parameters", List.of(Ros2Samples.map("name", "use_sim_time", "value", value)), "changed_parameters",
        List.of(), "deleted_parameters", List.of(Ros2Samples.map("name", "gone", "value", value)));
    Files.write(dir.resolve("event.cdr"), new CdrMessageEncoder(schema).encode(event));
    Files.writeString(dir.resolve("cases.json"), FoxgloveJson.MAPPER
        .writeValueAsString(List.of(Map.of("id", "event", "schemaText", schemaText))), StandardCharsets.UTF_8);
    JsonNode result = FoxgloveJson.MAPPER
        .readTree(NodeCrossCheck.run("ros2-decode.mjs", dir.resolve("cases.json").toString(),
            dir.toString()));
    assertThat(FoxgloveJson.comparable(result.get("value")))
        .isEqualTo(FoxgloveJson.comparable(FoxgloveJson.MAPPER.valueToTree(FoxgloveJson.of(schema, event))));
  }

  /** Decodes every message of {@code bag} here and compares with Foxglove; returns the messages per topic. */
  private static Map<String, Integer> decodeAll(Path bag, Path dir) throws Exception {
    String lines = NodeCrossCheck.run("ros2-extract.mjs", bag.toString(), dir.toString());
    Map<Integer, JsonNode> channels = new HashMap<>();
    Map<String, Integer> perTopic = new HashMap<>();
    for (JsonNode c : FoxgloveJson.MAPPER.readTree(dir.resolve("channels.json").toFile())) {
      channels.put(c.get("id").asInt(), c);
      perTopic.put(c.get("topic").asText(), 0);
      // Every channel's schema must parse, whether or not the bag holds messages for it.
      decoder(c);
    }
    for (String line : lines.lines().toList()) {
      JsonNode expected = FoxgloveJson.MAPPER.readTree(line);
      JsonNode channel = channels.get(expected.get("channel").asInt());
      MessageSchema schema = Ros2MsgSchemaParser.parse(channel.get("schemaName").asText(),
          channel.get("schemaText").asText());
      Map<String, Object> decoded = decoder(channel)
          .decode(Files.readAllBytes(dir.resolve(expected.get("file").asText())));
      assertThat(FoxgloveJson.comparable(FoxgloveJson.MAPPER.valueToTree(FoxgloveJson.of(schema, decoded))))
          .as(expected.get("file").asText()).isEqualTo(FoxgloveJson.comparable(expected.get("value")));
      perTopic.merge(channel.get("topic").asText(), 1, Integer::sum);
    }
    return perTopic;
  }

  private static MessageDecoder decoder(JsonNode channel) {
    return MessageDecoders.forChannel(channel.get("messageEncoding").asText(), channel.get("schemaName").asText(),
        channel.get("schemaEncoding").asText(), channel.get("schemaText").asText().getBytes(StandardCharsets.UTF_8));
  }
}
