package ai.curate.jobs.ledger;

import java.io.Serializable;

/**
 * One problem found while reading raw input: what (error kind + message that says what to do), where (source path,
 * session or clip, stream). Serializable so executors can return it alongside good rows.
 *
 * @param errorKind a stable, queryable code such as {@code manifest_unreadable}, {@code arrow_corrupt},
 *     {@code schema_mismatch}, {@code stream_missing}, {@code video_unreadable}
 */
public record IngestError(String sourcePath, String sessionId, String clipId, String stream, String errorKind,
    String message) implements Serializable {}
