package ai.curate.mcap.records;

/** The Message record (0x05): one message of a channel, with its log and publish times in nanoseconds. */
public record Message(int channelId, long sequence, long logTime, long publishTime, byte[] data) {}
