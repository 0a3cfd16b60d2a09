package ai.curate.mcap.records;

import java.util.Map;

/** The Statistics record (0x0B) of the summary: counts of the file's records and its messages' time range. */
public record Statistics(long messageCount, int schemaCount, long channelCount, long attachmentCount,
    long metadataCount, long chunkCount, long messageStartTime, long messageEndTime,
    Map<Integer, Long> channelMessageCounts) {
  public Statistics {
    channelMessageCounts = Map.copyOf(channelMessageCounts);
  }
}
