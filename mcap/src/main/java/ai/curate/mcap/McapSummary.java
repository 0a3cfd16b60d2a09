package ai.curate.mcap;

import ai.curate.mcap.records.AttachmentIndex;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.ChunkIndex;
import ai.curate.mcap.records.Footer;
import ai.curate.mcap.records.MetadataIndex;
import ai.curate.mcap.records.Schema;
import ai.curate.mcap.records.Statistics;
import ai.curate.mcap.records.SummaryOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A file's summary section: its schemas and channels, the index of its chunks, attachments and metadata, and its
 * statistics (absent when the writer wrote none), read from where the footer points.
 */
public record McapSummary(Footer footer, Map<Integer, Schema> schemas, Map<Integer, Channel> channels,
    List<ChunkIndex> chunkIndexes, List<AttachmentIndex> attachmentIndexes, List<MetadataIndex> metadataIndexes,
    Optional<Statistics> statistics, List<SummaryOffset> summaryOffsets) {}
