package ai.curate.mcap.records;

/**
 * The Chunk record (0x06): a batch of records, compressed with {@code compression} ("", "zstd" or "lz4"), with the
 * time range of its messages and the size and CRC-32 (0 when not computed) of the uncompressed records.
 */
public record Chunk(long messageStartTime, long messageEndTime, long uncompressedSize, long uncompressedCrc,
    String compression, byte[] records) {}
