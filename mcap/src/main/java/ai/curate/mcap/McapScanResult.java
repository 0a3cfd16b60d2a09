package ai.curate.mcap;

import ai.curate.mcap.records.AttachmentIndex;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.Header;
import ai.curate.mcap.records.Metadata;
import ai.curate.mcap.records.Schema;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a linear scan from the start of a file found, up to the end or the first damage: the header (null when the
 * file is damaged before it), the schemas, channels, metadata and attachments (described, not held) seen, and counts
 * of chunks and messages. {@code intactBytes} is the length of the prefix that was read without fault.
 *
 * @param messageStartTime smallest message log time (0 when there are no messages)
 * @param messageEndTime largest message log time (0 when there are no messages)
 * @param chunkCompressions number of chunks per compression ("" for uncompressed)
 */
public record McapScanResult(Header header, Map<Integer, Schema> schemas, Map<Integer, Channel> channels,
    List<Metadata> metadata, List<AttachmentIndex> attachments, long chunkCount, Map<String, Long> chunkCompressions,
    long messageCount, Map<Integer, Long> channelMessageCounts, long messageStartTime, long messageEndTime,
    long intactBytes, Optional<McapDamage> damage) {
  /** True when the scan reached the footer and closing magic without damage. */
  public boolean complete() {
    return damage.isEmpty();
  }
}
