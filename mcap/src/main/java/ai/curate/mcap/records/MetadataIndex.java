package ai.curate.mcap.records;

/** The MetadataIndex record (0x0D) of the summary: where a metadata record lies, and its name. */
public record MetadataIndex(long offset, long length, String name) {}
