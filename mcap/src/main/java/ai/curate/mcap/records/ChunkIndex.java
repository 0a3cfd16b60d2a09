package ai.curate.mcap.records;

import java.util.Map;

/**
 * The ChunkIndex record (0x08) of the summary: where a chunk lies in the file ({@code chunkStartOffset}, and
 * {@code chunkLength} including the record's opcode and length), its messages' time range, its message indexes
 * (channel id to file offset) and its compression and sizes.
 */
public record ChunkIndex(long messageStartTime, long messageEndTime, long chunkStartOffset, long chunkLength,
    Map<Integer, Long> messageIndexOffsets, long messageIndexLength, String compression, long compressedSize,
    long uncompressedSize) {
  public ChunkIndex {
    messageIndexOffsets = Map.copyOf(messageIndexOffsets);
  }
}
