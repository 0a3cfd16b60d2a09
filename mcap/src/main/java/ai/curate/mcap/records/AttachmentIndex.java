package ai.curate.mcap.records;

/** The AttachmentIndex record (0x0A) of the summary: where an attachment record lies and what it holds. */
public record AttachmentIndex(long offset, long length, long logTime, long createTime, long dataSize, String name,
    String mediaType) {}
