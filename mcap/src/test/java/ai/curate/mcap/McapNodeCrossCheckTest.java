package ai.curate.mcap;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.mcap.McapWriterOptions.Compression;
import ai.curate.mcap.SampleFile.Written;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our reader and writer against Foxglove's TypeScript implementation (@mcap/core): files it writes are read by us
 * exactly as it reads them, and files we write are read by it (stream reader with CRC checks, and indexed reader
 * through our summary) exactly as we wrote them.
 */
class McapNodeCrossCheckTest {
  @TempDir
  Path dir;

  @Test
  void filesWrittenByFoxglovesWriterReadTheSameWithOurs() throws Exception {
    NodeCrossCheck.assumeAvailable();
    Path out = dir.resolve("node");
    String[] names = NodeCrossCheck.run("write.mjs", out.toString()).trim().split("\n");
    assertThat(names).contains("node-chunked-zstd.mcap", "node-chunked-none.mcap", "node-unchunked.mcap",
        "node-no-summary.mcap", "node-one-chunk-no-extras.mcap", "node-chunked-lz4-stored.mcap");
    for (String name : names) {
      Path file = out.resolve(name);
      JsonNode theirs = JavaDigest.node(file);
      JsonNode ours = JavaDigest.of(file);
      // Facts of write.mjs, independent of either reader: 300 messages, 100 on each of 3 channels.
      assertThat(theirs.get("messages").size()).as(name).isEqualTo(300);
      for (String field : List.of("header", "channels", "messages", "attachments", "metadata")) {
        assertThat(ours.get(field)).as(name + " " + field).isEqualTo(theirs.get(field));
      }
      try (McapReader reader = McapReader.open(file)) {
        JsonNode indexed = theirs.get("indexed");
        assertThat(reader.indexed()).as(name).isEqualTo(indexed.has("chunkCount") && indexed.get("chunkCount")
            .asInt() > 0);
        if (reader.indexed()) {
          assertThat(reader.summary().orElseThrow().chunkIndexes()).hasSize(indexed.get("chunkCount").asInt());
          ArrayNode logTimeOrder;
          try (McapMessageIterator messages = reader.messages(MessageOrder.LOG_TIME)) {
            logTimeOrder = JavaDigest.messages(messages);
          }
          assertThat(JavaDigest.sorted(logTimeOrder)).isEqualTo(JavaDigest.sorted(indexed.get("messages")));
          assertNonDecreasingLogTimes(logTimeOrder);
          assertThat(McapInfo.of(file).attachmentNames()).isEqualTo(names(indexed.get("attachmentNames")));
          assertThat(McapInfo.of(file).metadataNames()).isEqualTo(names(indexed.get("metadataNames")));
        }
      }
    }
  }

  static Stream<Arguments> layouts() {
    McapWriterOptions base = McapWriterOptions.defaults().withProfile("curate").withChunkSize(900);
    return Stream.of(Arguments.of("zstd", base.withCompression(Compression.ZSTD)),
        Arguments.of("lz4", base.withCompression(Compression.LZ4)),
        Arguments.of("uncompressed", base.withCompression(Compression.NONE)),
        Arguments.of("unchunked", base.withChunked(false)), Arguments.of("no summary", base.withSummary(false)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void filesWrittenByOurWriterReadAsWrittenWithFoxglovesReader(String name, McapWriterOptions options)
      throws Exception {
    NodeCrossCheck.assumeAvailable();
    Path file = dir.resolve("ours.mcap");
    List<Written> written = SampleFile.write(file, options, true);
    JsonNode theirs = JavaDigest.node(file);
    assertThat(theirs.get("header").get("profile").asText()).isEqualTo("curate");
    assertThat(theirs.get("header").get("library").asText()).isEqualTo("curate-mcap");
    assertThat(theirs.get("messages")).isEqualTo(rows(written, file));
    assertThat(theirs.get("channels").findValuesAsText("topic")).containsExactly("/pose", "/joints", "/log");
    assertThat(theirs.get("channels").findValues("messageCount")).extracting(JsonNode::asInt).containsExactly(80, 80,
        80);
    assertThat(theirs.get("attachments").findValuesAsText("name")).containsExactly("calibration.yaml", "empty.bin");
    assertThat(theirs.get("attachments").get(0).get("sha256").asText())
        .isEqualTo(JavaDigest.sha256(SampleFile.bytes("fx: 600\n")));
    assertThat(theirs.get("metadata").findValuesAsText("name")).containsExactly("session", "labels");
    assertThat(theirs.get("metadata").get(0).get("metadata").get("robot").asText()).isEqualTo("neo-7");
    JsonNode indexed = theirs.get("indexed");
    if (options.summary()) {
      assertThat(indexed.has("error")).as(indexed.toString()).isFalse();
      assertThat(indexed.get("messageCount").asText()).isEqualTo(String.valueOf(SampleFile.MESSAGES));
      assertThat(names(indexed.get("attachmentNames"))).containsExactly("calibration.yaml", "empty.bin");
      assertThat(names(indexed.get("metadataNames"))).containsExactly("session", "labels");
      if (options.chunked()) {
        assertThat(indexed.get("chunkCount").asInt()).isGreaterThan(5);
        assertThat(JavaDigest.sorted(indexed.get("messages"))).isEqualTo(JavaDigest.sorted(rows(written, file)));
        assertNonDecreasingLogTimes(indexed.get("messages"));
      }
    } else {
      assertThat(indexed.get("error").asText()).containsIgnoringCase("not indexed");
    }
    assertThat(Files.size(file)).isPositive();
  }

  /** The written messages as digest rows (channel ids as our writer numbers them: 1, 2, 3 in order of topics). */
  private static JsonNode rows(List<Written> written, Path file) {
    ArrayNode rows = JavaDigest.JSON.createArrayNode();
    List<String> topics = List.of("/pose", "/joints", "/log");
    for (Written w : written) {
      rows.addArray().add(topics.indexOf(w.topic()) + 1).add(w.sequence()).add(Long.toString(w.logTime()))
          .add(Long.toString(w.publishTime())).add(JavaDigest.sha256(w.data()));
    }
    return JavaDigest.reparse(rows);
  }

  private static List<String> names(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static void assertNonDecreasingLogTimes(JsonNode rows) {
    long previous = Long.MIN_VALUE;
    for (JsonNode row : rows) {
      long time = Long.parseLong(row.get(2).asText());
      assertThat(time).isGreaterThanOrEqualTo(previous);
      previous = time;
    }
  }
}
