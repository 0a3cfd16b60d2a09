package ai.curate.mcap.records;

/** The Attachment record (0x09): a named file (e.g. a calibration) stored in the recording. */
public record Attachment(long logTime, long createTime, String name, String mediaType, byte[] data) {}
