package ai.curate.jobs.fleet;

import java.io.Serializable;

/**
 * One line of {@code events.jsonl}. Typed fields as in docs/raw-formats.md; {@code payload} is the line
 * verbatim, so free-form annotation fields are kept.
 */
public record EventRecord(int lineNumber, long tsNs, String type, String episodeId, String task, String prompt,
    Boolean success, String payload) implements Serializable {}
