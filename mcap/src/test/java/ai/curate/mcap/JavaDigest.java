package ai.curate.mcap;

import ai.curate.mcap.records.AttachmentIndex;
import ai.curate.mcap.records.Attachment;
import ai.curate.mcap.records.Metadata;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The digest {@code digest.mjs} prints, computed by our reader, so the two implementations' views of a file compare
 * as JSON: header, channels with counts, messages as [channel, sequence, log time, publish time, sha256] in file
 * order, attachments, metadata.
 */
final class JavaDigest {
  static final ObjectMapper JSON = new ObjectMapper();

  private JavaDigest() {}

  /** Foxglove's digest of {@code file}, from {@code node digest.mjs}. */
  static JsonNode node(Path file) throws IOException, InterruptedException {
    return JSON.readTree(NodeCrossCheck.run("digest.mjs", file.toAbsolutePath().toString()));
  }

  /** Our digest of {@code file}: file order by linear scan (every record, CRCs checked). */
  static JsonNode of(Path file) {
    ObjectNode digest = JSON.createObjectNode();
    try (McapReader reader = McapReader.open(file);
        LinearScan scan = new LinearScan(file, McapReadOptions.defaults())) {
      digest.set("messages", messages(scan));
      McapScanResult result = scan.result();
      if (result.damage().isPresent()) {
        throw new AssertionError("damaged: " + result.damage().get());
      }
      digest.putObject("header").put("profile", reader.header().profile()).put("library", reader.header().library());
      ArrayNode channels = digest.putArray("channels");
      McapInfo.of(result).channels()
          .forEach(c -> channels.addObject().put("id", c.id()).put("topic", c.topic())
              .put("messageEncoding", c.messageEncoding()).put("schemaName", c.schemaName())
              .put("schemaEncoding", c.schemaEncoding()).put("messageCount", c.messageCount()));
      ArrayNode attachments = digest.putArray("attachments");
      for (AttachmentIndex index : result.attachments()) {
        Attachment a = reader.attachment(index);
        attachments.addObject().put("name", a.name()).put("mediaType", a.mediaType())
            .put("logTime", Long.toUnsignedString(a.logTime())).put("createTime", Long.toUnsignedString(a.createTime()))
            .put("sha256", sha256(a.data()));
      }
      ArrayNode metadata = digest.putArray("metadata");
      for (Metadata m : result.metadata()) {
        ObjectNode entry = metadata.addObject().put("name", m.name());
        ObjectNode map = entry.putObject("metadata");
        m.metadata().forEach(map::put);
      }
    }
    // Through text, so numbers compare as JSON numbers (not int nodes against long nodes).
    return reparse(digest);
  }

  static JsonNode reparse(JsonNode node) {
    try {
      return JSON.readTree(JSON.writeValueAsString(node));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Messages as digest rows, in the iterator's order. */
  static ArrayNode messages(java.util.Iterator<McapMessage> messages) {
    ArrayNode rows = JSON.createArrayNode();
    messages.forEachRemaining(m -> rows.add(row(m)));
    return rows;
  }

  static ArrayNode row(McapMessage m) {
    ArrayNode row = JSON.createArrayNode();
    row.add(m.channel().id()).add(m.message().sequence()).add(Long.toUnsignedString(m.logTime()))
        .add(Long.toUnsignedString(m.message().publishTime())).add(sha256(m.data()));
    return row;
  }

  /** The rows sorted as text: a multiset to compare orders that may break ties differently. */
  static List<String> sorted(JsonNode rows) {
    List<String> out = new ArrayList<>();
    rows.forEach(r -> out.add(r.toString()));
    out.sort(null);
    return out;
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
