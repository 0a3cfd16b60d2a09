package ai.curate.jobs.mcap;

import ai.curate.jobs.fleet.EventRecord;
import ai.curate.jobs.fleet.StreamKind;
import ai.curate.jobs.ledger.IngestError;
import ai.curate.mcap.McapSplit.ChunkSpan;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What planning one MCAP recording found ({@link McapPlanner}): the session, every channel, the read tasks of its
 * mapped topics, its events and camera facts, and the ledger rows. Small and serializable: one per recording goes
 * from a planning task to the driver and the read tasks.
 *
 * @param recording the recording folder (qualified path)
 * @param session null when the recording cannot be ingested at all (then {@code errors} says why)
 */
public record McapPlan(String recording, Session session, List<ChannelRow> channels, List<ReadTask> tasks,
    List<EventRecord> events, List<StreamInfo> streams, List<CameraInfo> cameras, List<IngestError> errors)
    implements
      Serializable {

  /** The recording as a session, for {@code bronze.sessions}. */
  public record Session(String robotId, String sessionId, String robotModel, int formatVersion,
      String softwareVersion, long startTsNs, long endTsNs, String metadataJson, int fileCount, long totalBytes,
      String checksum) implements Serializable {}

  /**
   * Where a mapped channel's messages go.
   *
   * @param name the bronze stream, or the camera
   * @param clockOffsetNs device clock to robot clock, from the session record
   */
  public record Route(StreamKind kind, String name, McapMapping.TimeSource time, long clockOffsetNs, String topic)
      implements
        Serializable {}

  /**
   * One read task: consecutive chunks of one file (or the whole file, read by a linear scan when it has no chunk
   * index), with the routes of that file's mapped channels.
   *
   * @param firstBatch the recording-wide ordinal of the task's first chunk: bronze {@code batch_index} is this plus
   *     the chunk's place in the task, so (batch_index, batch_row) is file order across a split set
   */
  public record ReadTask(String robotId, String sessionId, String file, List<ChunkSpan> chunks, boolean wholeFile,
      boolean summaryDamaged, int firstBatch, Map<Integer, Route> routes, Map<String, PreviousChunk> previous)
      implements
        Serializable {
    public ReadTask {
      previous = previous == null ? Map.of() : Map.copyOf(previous);
    }
  }

  /**
   * The last chunk before a read task that holds a stream's topic (in this file or an earlier one of a split set):
   * the task reads that stream's last sample time from it, so that {@code duplicate_ts} and {@code out_of_order} of
   * its first sample compare with the sample before it without a shuffle.
   *
   * @param routes the channels of {@code file} routed to the stream
   */
  public record PreviousChunk(String file, ChunkSpan span, Map<Integer, Route> routes) implements Serializable {}

  /** A channel of one file, for {@code bronze.mcap_channels}. */
  public record ChannelRow(String file, int channelId, String topic, String schemaName, String schemaEncoding,
      String messageEncoding, Long messages, String mappedKind, String mappedName, String status)
      implements
        Serializable {}

  /** A mapped stream topic, for the session's {@code streams} summary. */
  public record StreamInfo(String name, StreamKind kind, String topic, String file, Double rateHz,
      long clockOffsetNs, String status) implements Serializable {}

  /** A mapped camera topic, for the session's {@code cameras} summary and {@code bronze.videos}. */
  public record CameraInfo(String name, String topic, String file, long fileBytes, Double fps, long clockOffsetNs,
      String format, Integer width, Integer height, long messages, String status) implements Serializable {}
}
