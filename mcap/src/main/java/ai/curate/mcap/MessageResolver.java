package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.Message;
import ai.curate.mcap.records.Schema;
import java.util.Map;

/** Attaches a message to its channel and schema; a message on an undeclared channel is a bad record. */
final class MessageResolver {
  private MessageResolver() {}

  static McapMessage resolve(Message message, Map<Integer, Channel> channels, Map<Integer, Schema> schemas,
      long recordOffset) {
    Channel channel = channels.get(message.channelId());
    if (channel == null) {
      throw new McapFormatException(Kind.BAD_RECORD, recordOffset, "Message on channel " + message.channelId()
          + ", which no Channel record before it declares");
    }
    Schema schema = channel.schemaId() == 0 ? null : schemas.get(channel.schemaId());
    if (channel.schemaId() != 0 && schema == null) {
      throw new McapFormatException(Kind.BAD_RECORD, recordOffset, "Channel " + channel.id() + " ('"
          + channel.topic() + "') names schema " + channel.schemaId() + ", which no Schema record before it declares");
    }
    return new McapMessage(channel, schema, message);
  }
}
