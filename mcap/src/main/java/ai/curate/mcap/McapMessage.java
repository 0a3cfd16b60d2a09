package ai.curate.mcap;

import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.Message;
import ai.curate.mcap.records.Schema;

/**
 * A message with the channel it was published on and that channel's schema ({@code null} when the channel has none,
 * schema id 0): everything a decoder needs.
 */
public record McapMessage(Channel channel, Schema schema, Message message) {
  public String topic() {
    return channel.topic();
  }

  public long logTime() {
    return message.logTime();
  }

  public byte[] data() {
    return message.data();
  }
}
