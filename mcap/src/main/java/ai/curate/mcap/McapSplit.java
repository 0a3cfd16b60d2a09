package ai.curate.mcap;

import java.io.Serializable;
import java.util.List;

/**
 * A part of one file that a task can read on its own, given the file's path: either a run of consecutive chunks
 * (schemas and channels then come from the file's summary) or, for a file without chunk indexes, the whole file by
 * linear scan. Small and immutable, to be shipped to Spark executors.
 *
 * @param index position of this split among the file's splits (0-based)
 * @param chunks the chunks to read, in file order; empty for a whole-file split
 * @param wholeFile true when the split is the whole file, read by linear scan
 */
public record McapSplit(int index, List<ChunkSpan> chunks, boolean wholeFile) implements Serializable {
  private static final long serialVersionUID = 1L;

  public McapSplit {
    chunks = List.copyOf(chunks);
  }

  /**
   * One chunk's place in the file ({@code length} including its opcode and length prefix) and its messages' time
   * range.
   */
  public record ChunkSpan(long offset, long length, long messageStartTime, long messageEndTime)
      implements
        Serializable {
    private static final long serialVersionUID = 1L;
  }

  /** The bytes of the file this split reads (0 for a whole-file split: unknown until scanned). */
  public long chunkBytes() {
    return chunks.stream().mapToLong(ChunkSpan::length).sum();
  }
}
