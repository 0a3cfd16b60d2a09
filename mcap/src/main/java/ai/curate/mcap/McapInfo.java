package ai.curate.mcap;

import ai.curate.mcap.records.AttachmentIndex;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.ChunkIndex;
import ai.curate.mcap.records.MetadataIndex;
import ai.curate.mcap.records.Schema;
import ai.curate.mcap.records.Statistics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a file holds, in brief (the basis of {@code curate mcap info}): header, time range, channels with their
 * message counts, chunks by compression, attachment and metadata names. Taken from the summary when the file has one
 * with statistics (the time range from its chunk indexes when it has chunks), else from a linear scan, which also
 * reports any damage.
 *
 * @param startTime smallest message log time, ns (0 without messages)
 * @param endTime largest message log time, ns (0 without messages)
 * @param chunkCompressions number of chunks per compression ("" is uncompressed)
 * @param fromSummary true when read from the summary, false when from a linear scan
 * @param damage where a scanned file stops being intact (always empty when read from the summary)
 */
public record McapInfo(String profile, String library, long messageCount, long startTime, long endTime,
    List<ChannelInfo> channels, long chunkCount, Map<String, Long> chunkCompressions, List<String> attachmentNames,
    List<String> metadataNames, boolean fromSummary, Optional<McapDamage> damage) {

  /** One channel: its topic and encodings, its schema's name and encoding ("" without schema), its message count. */
  public record ChannelInfo(int id, String topic, String messageEncoding, String schemaName, String schemaEncoding,
      long messageCount) {}

  public McapInfo {
    channels = List.copyOf(channels);
    chunkCompressions = Map.copyOf(chunkCompressions);
    attachmentNames = List.copyOf(attachmentNames);
    metadataNames = List.copyOf(metadataNames);
  }

  /** The info of the file at {@code path} with default read options. */
  public static McapInfo of(Path path) {
    return of(path, McapReadOptions.defaults());
  }

  /** The info of the file at {@code path}. */
  public static McapInfo of(Path path, McapReadOptions options) {
    try (McapReader reader = McapReader.open(path, options)) {
      Optional<McapSummary> summary = reader.summary().filter(s -> s.statistics().isPresent());
      if (summary.isPresent()) {
        return fromSummary(reader, summary.get());
      }
    }
    return of(McapReader.scan(path, options));
  }

  private static McapInfo fromSummary(McapReader reader, McapSummary summary) {
    Statistics stats = summary.statistics().orElseThrow();
    Map<String, Long> compressions = new TreeMap<>();
    for (ChunkIndex chunk : summary.chunkIndexes()) {
      compressions.merge(chunk.compression(), 1L, Long::sum);
    }
    long start = stats.messageStartTime();
    long end = stats.messageEndTime();
    // The chunk indexes' ranges win over the statistics: some writers (the Go library that rosbag2 used for
    // rewriter_a_0.mcap) treat a log time of 0 as "unset" in the statistics and report the second-smallest time.
    for (int i = 0; i < summary.chunkIndexes().size(); i++) {
      ChunkIndex chunk = summary.chunkIndexes().get(i);
      if (i == 0 || Long.compareUnsigned(chunk.messageStartTime(), start) < 0) {
        start = chunk.messageStartTime();
      }
      if (i == 0 || Long.compareUnsigned(chunk.messageEndTime(), end) > 0) {
        end = chunk.messageEndTime();
      }
    }
    return new McapInfo(reader.header().profile(), reader.header().library(), stats.messageCount(), start, end,
        channels(summary.channels(), summary.schemas(),
            stats.channelMessageCounts()),
        stats.chunkCount(), compressions,
        summary.attachmentIndexes().stream().map(AttachmentIndex::name).toList(),
        summary.metadataIndexes().stream().map(MetadataIndex::name).toList(), true, Optional.empty());
  }

  /** The info of a file already scanned (its damage included). */
  public static McapInfo of(McapScanResult scan) {
    String profile = scan.header() == null ? "" : scan.header().profile();
    String library = scan.header() == null ? "" : scan.header().library();
    return new McapInfo(profile, library, scan.messageCount(), scan.messageStartTime(), scan.messageEndTime(),
        channels(scan.channels(), scan.schemas(), scan.channelMessageCounts()), scan.chunkCount(),
        scan.chunkCompressions(), scan.attachments().stream().map(AttachmentIndex::name).toList(),
        scan.metadata().stream().map(m -> m.name()).toList(), false, scan.damage());
  }

  private static List<ChannelInfo> channels(Map<Integer, Channel> channels, Map<Integer, Schema> schemas,
      Map<Integer, Long> counts) {
    List<ChannelInfo> out = new ArrayList<>();
    for (Channel channel : new TreeMap<>(channels).values()) {
      Schema schema = schemas.get(channel.schemaId());
      out.add(new ChannelInfo(channel.id(), channel.topic(), channel.messageEncoding(),
          schema == null ? "" : schema.name(), schema == null ? "" : schema.encoding(),
          counts.getOrDefault(channel.id(), 0L)));
    }
    return out;
  }
}
