package ai.curate.jobs.mcap;

import ai.curate.mcap.McapInfo;
import ai.curate.mcap.McapInfo.ChannelInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.TreeMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code curate mcap info} output: an {@link McapInfo} as text laid out like the {@code mcap info} tool of the
 * reference implementation, or as one JSON object. Times are nanoseconds since the epoch (unsigned, exact) and, in
 * the text, also as UTC instants.
 */
public final class McapInfoReport {
  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

  private McapInfoReport() {}

  /** Human-readable, one fact per line. */
  public static String text(McapInfo info) {
    StringBuilder out = new StringBuilder();
    line(out, "library", info.library());
    line(out, "profile", info.profile());
    line(out, "messages", Long.toUnsignedString(info.messageCount()));
    if (info.messageCount() > 0) {
      line(out, "duration", seconds(info.endTime() - info.startTime()) + " s");
      line(out, "start", instant(info.startTime()));
      line(out, "end", instant(info.endTime()));
    }
    line(out, "chunks", info.chunkCount() + compressions(info.chunkCompressions()));
    out.append("channels:\n");
    int topicWidth = info.channels().stream().mapToInt(c -> c.topic().length()).max().orElse(0);
    for (ChannelInfo channel : info.channels()) {
      out.append(String.format("  (%d) %-" + Math.max(1, topicWidth) + "s  %d msgs : %s [%s] (%s)%n", channel.id(),
          channel.topic(), channel.messageCount(), channel.schemaName().isEmpty() ? "-" : channel.schemaName(),
          channel.schemaEncoding().isEmpty() ? "-" : channel.schemaEncoding(), channel.messageEncoding()));
    }
    line(out, "attachments", names(info.attachmentNames()));
    line(out, "metadata", names(info.metadataNames()));
    line(out, "read from", info.fromSummary() ? "summary" : "linear scan (no usable summary)");
    info.damage().ifPresent(d -> line(out, "damage", d.toString()));
    return out.toString();
  }

  /** One JSON object; integers exact, channels in id order. */
  public static String json(McapInfo info) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("library", info.library());
    out.put("profile", info.profile());
    out.put("message_count", unsigned(info.messageCount()));
    out.put("start_time", unsigned(info.startTime()));
    out.put("end_time", unsigned(info.endTime()));
    out.put("chunk_count", info.chunkCount());
    out.put("chunk_compressions", new TreeMap<>(info.chunkCompressions()));
    List<Map<String, Object>> channels = new ArrayList<>();
    for (ChannelInfo c : info.channels()) {
      Map<String, Object> channel = new LinkedHashMap<>();
      channel.put("id", c.id());
      channel.put("topic", c.topic());
      channel.put("message_encoding", c.messageEncoding());
      channel.put("schema_name", c.schemaName());
      channel.put("schema_encoding", c.schemaEncoding());
      channel.put("message_count", c.messageCount());
      channels.add(channel);
    }
    out.put("channels", channels);
    out.put("attachments", info.attachmentNames());
    out.put("metadata", info.metadataNames());
    out.put("read_from", info.fromSummary() ? "summary" : "scan");
    out.put("damage", info.damage().map(d -> {
      Map<String, Object> damage = new LinkedHashMap<>();
      damage.put("kind", d.code());
      damage.put("offset", d.offset());
      damage.put("detail", d.detail());
      return damage;
    }).orElse(null));
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("info is plain data and always serialises", e);
    }
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(String.format("%-12s %s%n", key + ":", value));
  }

  private static String compressions(Map<String, Long> byCompression) {
    if (byCompression.isEmpty()) {
      return "";
    }
    List<String> parts = new ArrayList<>();
    new TreeMap<>(byCompression)
        .forEach((name, count) -> parts.add((name.isEmpty() ? "none" : name) + ": " + count));
    return " (" + String.join(", ", parts) + ")";
  }

  private static String names(List<String> names) {
    return names.size() + (names.isEmpty() ? "" : " (" + String.join(", ", names) + ")");
  }

  private static String seconds(long nanos) {
    return new BigDecimal(Long.toUnsignedString(nanos)).movePointLeft(9).toPlainString();
  }

  /** MCAP times are unsigned 64-bit: above Long.MAX_VALUE they are written as exact unsigned numbers. */
  static Object unsigned(long value) {
    return value >= 0 ? (Object) value : new BigInteger(Long.toUnsignedString(value));
  }

  private static String instant(long nanos) {
    String exact = Long.toUnsignedString(nanos);
    if (nanos < 0) {
      return exact; // beyond year 2262: no Instant arithmetic on a negative signed value
    }
    return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L) + " (" + exact + ")";
  }
}
