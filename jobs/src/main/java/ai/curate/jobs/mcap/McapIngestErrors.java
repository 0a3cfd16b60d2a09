package ai.curate.jobs.mcap;

import ai.curate.jobs.ledger.IngestError;
import ai.curate.mcap.McapDamage;
import ai.curate.mcap.McapFormatException;
import ai.curate.mcap.ros2.MessageDecodingException;

/**
 * The ledger rows of {@code ingest-mcap} ({@code bronze.ingest_errors}, stage {@code ingest-mcap}), built in one
 * place: each says what is wrong, where (file, byte offset, topic) and what happens to the rest. The kinds are stable
 * (docs/raw-formats.md, "What is rejected (MCAP)").
 */
public final class McapIngestErrors {
  public static final String MCAP_MISSING = "mcap_missing";
  public static final String RECORDING_INVALID = "recording_invalid";
  public static final String RECORDING_UNREADABLE = "recording_unreadable";
  public static final String SYMLINK_SKIPPED = "symlink_skipped";
  /** Format damage: {@code mcap_} plus the reader's kind ({@code mcap_truncated}, {@code mcap_crc_mismatch}, ...). */
  public static final String FORMAT_PREFIX = "mcap_";
  public static final String SESSION_METADATA_MISSING = "session_metadata_missing";
  public static final String IDENTIFIER_INVALID = "identifier_invalid";
  public static final String DUPLICATE_SESSION_ID = "duplicate_session_id";
  public static final String CLOCK_OFFSET_INVALID = "clock_offset_invalid";
  public static final String SCHEMA_MISMATCH = "schema_mismatch";
  public static final String MESSAGE_INVALID = "message_invalid";
  public static final String JOINT_NAMES_UNKNOWN = "joint_names_unknown";
  public static final String SAMPLE_TIME_INVALID = "sample_time_invalid";
  public static final String CAMERA_NOT_REMUXED = "camera_not_remuxed";

  private McapIngestErrors() {}

  static IngestError of(String path, String sessionId, String topic, String kind, String message) {
    return new IngestError(path, sessionId, null, topic, kind, message);
  }

  static String formatKind(McapFormatException.Kind kind) {
    return FORMAT_PREFIX + kind.code();
  }

  /** A file that cannot be opened as MCAP at all. */
  static IngestError unreadable(String file, String sessionId, McapFormatException e) {
    return of(file, sessionId, null, formatKind(e.kind()), "not readable as MCAP: " + e.detail() + " (at byte "
        + e.offset() + "); nothing of this file is ingested: check that the upload is complete and is an MCAP file");
  }

  /** A file whose summary is damaged: its data section is read by a linear scan instead. */
  static IngestError summaryDamaged(String file, String sessionId, McapFormatException e) {
    return of(file, sessionId, null, formatKind(e.kind()), "the summary section is damaged: " + e.detail()
        + " (at byte " + e.offset() + "); the messages are read by scanning the data section instead");
  }

  /** Where a scan stopped: everything before {@code offset} was read. */
  static IngestError damage(String file, String sessionId, McapDamage d) {
    return of(file, sessionId, null, FORMAT_PREFIX + d.code(), "the file stops being intact at byte " + d.offset()
        + " (" + d.detail() + "): the messages before it are ingested, the rest of the file is not (a recorder that"
        + " crashed leaves such a file; `mcap recover` may save more)");
  }

  /** One chunk that cannot be read: its messages are left out, the other chunks are read. */
  static IngestError chunk(String file, String sessionId, long chunkOffset, McapFormatException e) {
    return of(file, sessionId, null, formatKind(e.kind()), "the chunk at byte " + chunkOffset + " cannot be read: "
        + e.detail() + " (at byte " + e.offset() + "); its messages are left out, the other chunks are ingested");
  }

  /** A mapped channel whose schema or encoding cannot be decoded: the topic is not ingested. */
  static IngestError channelUndecodable(String file, String sessionId, String topic, MessageDecodingException e) {
    return of(file, sessionId, topic, e.kind().code(), "topic " + topic + " cannot be decoded: " + e.detail()
        + "; the topic is not ingested, the other topics are");
  }

  /** {@code count} messages of a topic in one chunk that do not decode, or decode to something unusable. */
  static IngestError messages(String file, String sessionId, String topic, String kind, long chunkOffset, long count,
      long firstLogTime, String detail) {
    String where = chunkOffset < 0 ? "in the file (read by a linear scan)" : "in the chunk at byte " + chunkOffset;
    return of(file, sessionId, topic, kind, count + " message" + (count == 1 ? "" : "s") + " of " + topic
        + " " + where + " " + (count == 1 ? "is" : "are") + " left out (first at log"
        + " time " + firstLogTime + "): " + detail + "; the topic's other messages are ingested");
  }
}
