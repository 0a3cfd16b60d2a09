package ai.curate.mcap.ros2;

import ai.curate.mcap.McapMessage;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.Schema;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The decoders of one reader's channels, looked up per message by the channel object the reader hands out (one per
 * channel of a file, so the lookup is a pointer comparison). {@link MessageDecoders#forChannel} keys its shared cache on
 * the schema's bytes, which costs a copy and a hash of the whole schema text per call: per message, that was a third
 * of reading a JointState stream. Not thread-safe: one per reading thread (a Spark task, a command).
 */
public final class ChannelDecoders {
  private final Map<Channel, MessageDecoder> byChannel = new IdentityHashMap<>();

  /**
   * The decoder of {@code message}'s channel.
   *
   * @throws MessageDecodingException as {@link MessageDecoders#forChannel} (not remembered: a channel that cannot be
   *     decoded says so for each of its messages)
   */
  public MessageDecoder of(McapMessage message) {
    MessageDecoder decoder = byChannel.get(message.channel());
    if (decoder == null) {
      Schema s = message.schema();
      decoder = s == null
          ? MessageDecoders.forChannel(message.channel().messageEncoding(), "", "", new byte[0])
          : MessageDecoders.forChannel(message.channel().messageEncoding(), s.name(), s.encoding(), s.data());
      byChannel.put(message.channel(), decoder);
    }
    return decoder;
  }

  /** {@code message} decoded by its channel's decoder. */
  public Map<String, Object> decode(McapMessage message) {
    return of(message).decode(message.data());
  }
}
