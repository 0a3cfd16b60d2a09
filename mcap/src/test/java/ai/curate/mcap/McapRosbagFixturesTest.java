package ai.curate.mcap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.mcap.McapInfo.ChannelInfo;
import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two real ROS 2 bags of rosbag2's test resources, written by the Go MCAP library. The expected facts come from
 * rosbag2's own metadata.yaml beside each bag (topics, types, counts, start and duration) and from Foxglove's reader
 * (schema encodings, chunk compression), not from our output.
 */
class McapRosbagFixturesTest {
  @Test
  void talker() throws Exception {
    Path file = Fixtures.mcap("talker.mcap");
    McapInfo info = McapInfo.of(file);
    assertThat(info.fromSummary()).isTrue();
    assertThat(info.profile()).isEqualTo("ros2");
    assertThat(info.messageCount()).isEqualTo(20);
    // metadata.yaml: starting_time 1585866235112411371, duration 4531096768.
    assertThat(info.startTime()).isEqualTo(1585866235112411371L);
    assertThat(info.endTime()).isEqualTo(1585866235112411371L + 4531096768L);
    assertThat(info.channels()).extracting(ChannelInfo::topic, ChannelInfo::schemaName, ChannelInfo::messageCount)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("/topic", "std_msgs/msg/String", 10L),
            org.assertj.core.groups.Tuple.tuple("/rosout", "rcl_interfaces/msg/Log", 10L),
            org.assertj.core.groups.Tuple.tuple("/parameter_events", "rcl_interfaces/msg/ParameterEvent", 0L));
    assertThat(info.channels()).allSatisfy(c -> {
      assertThat(c.messageEncoding()).isEqualTo("cdr");
      assertThat(c.schemaEncoding()).isEqualTo("ros2msg");
    });
    assertThat(info.chunkCompressions()).isEqualTo(Map.of("zstd", 1L));
    assertSameAsFoxglove(file);
  }

  @Test
  void rewriter() throws Exception {
    Path file = Fixtures.mcap("rewriter_a_0.mcap");
    McapInfo info = McapInfo.of(file);
    assertThat(info.profile()).isEqualTo("ros2");
    assertThat(info.messageCount()).isEqualTo(150);
    // metadata.yaml: starting_time 0, duration 100000000 (the file's Statistics record says 1000000: see McapInfo).
    assertThat(info.startTime()).isZero();
    assertThat(info.endTime()).isEqualTo(100_000_000L);
    assertThat(info.channels()).extracting(ChannelInfo::topic, ChannelInfo::schemaName, ChannelInfo::messageCount)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("a_empty", "test_msgs/msg/Empty", 100L),
            org.assertj.core.groups.Tuple.tuple("b_basictypes", "test_msgs/msg/BasicTypes", 50L));
    McapInfo scanned = McapInfo.of(McapReader.scan(file, McapReadOptions.defaults()));
    assertThat(scanned.damage()).isEmpty();
    assertThat(scanned.startTime()).isEqualTo(info.startTime());
    assertThat(scanned.endTime()).isEqualTo(info.endTime());
    assertThat(scanned.channels()).isEqualTo(info.channels());
    assertSameAsFoxglove(file);
  }

  /** Our digest equals Foxglove's, and our log-time order holds the same messages as its indexed reader's. */
  private static void assertSameAsFoxglove(Path file) throws Exception {
    NodeCrossCheck.assumeAvailable();
    JsonNode theirs = JavaDigest.node(file);
    JsonNode ours = JavaDigest.of(file);
    for (String field : List.of("header", "channels", "messages", "attachments", "metadata")) {
      assertThat(ours.get(field)).as(field).isEqualTo(theirs.get(field));
    }
    try (McapReader reader = McapReader.open(file);
        McapMessageIterator messages = reader.messages(MessageOrder.LOG_TIME)) {
      assertThat(JavaDigest.sorted(JavaDigest.messages(messages)))
          .isEqualTo(JavaDigest.sorted(theirs.get("indexed").get("messages")));
      List<String> compressions = new java.util.ArrayList<>();
      theirs.get("indexed").get("compressions").forEach(c -> compressions.add(c.asText()));
      assertThat(reader.summary().orElseThrow().chunkIndexes()).extracting(c -> c.compression())
          .containsExactlyElementsOf(compressions);
    }
  }
}
