package ai.curate.jobs.fleet;

import java.io.Serializable;

/**
 * A bounded piece of one Arrow file: record batches [{@code firstBlock}, {@code endBlock}) of {@code file}. One slice
 * is one Spark task, so a multi-hour stream is many tasks and a damaged batch costs only its own slice.
 *
 * @param stream the stream name, or the camera name for a frame-index file
 * @param widths element count of each of the kind's list columns, in {@link StreamKind#listColumns} order
 */
public record StreamSlice(String robotId, String sessionId, String stream, StreamKind kind, String file,
    String relativeFile, long fileSize, long clockOffsetNs, int[] widths, int firstBlock, int endBlock)
    implements
      Serializable {

  int blocks() {
    return endBlock - firstBlock;
  }
}
