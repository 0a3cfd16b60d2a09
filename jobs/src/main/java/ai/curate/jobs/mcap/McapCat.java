package ai.curate.jobs.mcap;

import ai.curate.mcap.McapDamage;
import ai.curate.mcap.McapMessage;
import ai.curate.mcap.McapMessageIterator;
import ai.curate.mcap.McapReader;
import ai.curate.mcap.MessageOrder;
import ai.curate.mcap.records.Schema;
import ai.curate.mcap.ros2.JsonValueWriter;
import ai.curate.mcap.ros2.MessageDecoder;
import ai.curate.mcap.ros2.MessageDecoders;
import ai.curate.mcap.ros2.MessageDecodingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code curate mcap cat}: a file's messages, decoded, as JSON lines in log-time order, one per message:
 * {@code {"topic", "log_time", "publish_time", "sequence", "message": {...}}} (field names and order from the
 * schema; the value encoding of {@link JsonValueWriter}). Messages are streamed chunk by chunk, never held.
 *
 * <p>A channel whose schema does not parse or whose encoding is not supported, and a message that does not decode,
 * are reported through {@code warn} (once per channel; per message up to {@link #MAX_MESSAGE_WARNINGS}) and
 * skipped, so one bad message does not hide the rest of the file; the {@link Result} counts them.
 */
public final class McapCat {
  static final int MAX_MESSAGE_WARNINGS = 10;

  /** What was written and what was skipped; {@code damage} is where a scanned file stopped being intact. */
  public record Result(long written, long undecodable, long skippedChannelMessages, Optional<McapDamage> damage) {}

  private final Set<String> topics;
  private final long limit;
  private final Consumer<String> warn;
  private final Map<Integer, Optional<MessageDecoder>> decoders = new HashMap<>();

  /**
   * @param topics the topics to print; empty for all
   * @param limit the most messages to print; negative for no limit
   */
  public McapCat(Set<String> topics, long limit, Consumer<String> warn) {
    this.topics = Set.copyOf(topics);
    this.limit = limit;
    this.warn = warn;
  }

  /** Writes the messages of the open file to {@code out}; format errors of an indexed file propagate. */
  public Result write(McapReader reader, Writer out) {
    long written = 0;
    long undecodable = 0;
    long skipped = 0;
    try (McapMessageIterator messages = reader.messages(MessageOrder.LOG_TIME)) {
      while ((limit < 0 || written < limit) && messages.hasNext()) {
        McapMessage message = messages.next();
        if (!topics.isEmpty() && !topics.contains(message.topic())) {
          continue;
        }
        Optional<MessageDecoder> decoder = decoders.computeIfAbsent(message.channel().id(), id -> decoder(message));
        if (decoder.isEmpty()) {
          skipped++;
          continue;
        }
        Object value;
        try {
          value = decoder.get().decode(message.data());
        } catch (MessageDecodingException e) {
          if (++undecodable <= MAX_MESSAGE_WARNINGS) {
            warn.accept("message " + e.kind().code() + " on " + message.topic() + " (sequence "
                + message.message().sequence() + ", log_time "
                + Long.toUnsignedString(message.logTime()) + "): " + e.detail() + "; skipped");
          }
          continue;
        }
        line(out, message, value);
        written++;
      }
      Optional<McapDamage> damage = messages.hasNext() ? Optional.empty() : messages.damage();
      if (undecodable > MAX_MESSAGE_WARNINGS) {
        warn.accept(undecodable + " messages in all did not decode (the first " + MAX_MESSAGE_WARNINGS
            + " are listed above)");
      }
      return new Result(written, undecodable, skipped, damage);
    }
  }

  private Optional<MessageDecoder> decoder(McapMessage message) {
    Schema schema = message.schema();
    try {
      return Optional.of(MessageDecoders.forChannel(message.channel().messageEncoding(),
          schema == null ? "" : schema.name(), schema == null ? "" : schema.encoding(),
          schema == null ? new byte[0] : schema.data()));
    } catch (MessageDecodingException e) {
      warn.accept("channel " + message.channel().id() + " (" + message.topic() + "): " + e.kind().code() + ": "
          + e.detail() + "; its messages are skipped");
      return Optional.empty();
    }
  }

  private static void line(Writer out, McapMessage message, Object value) {
    try {
      out.write("{\"topic\":");
      JsonValueWriter.write(message.topic(), out);
      out.write(",\"log_time\":" + Long.toUnsignedString(message.logTime()));
      out.write(",\"publish_time\":" + Long.toUnsignedString(message.message().publishTime()));
      out.write(",\"sequence\":" + message.message().sequence());
      out.write(",\"message\":");
      JsonValueWriter.write(value, out);
      out.write("}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
