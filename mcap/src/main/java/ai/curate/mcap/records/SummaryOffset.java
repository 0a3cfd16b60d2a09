package ai.curate.mcap.records;

/** The SummaryOffset record (0x0E): where the summary's group of records of one opcode starts, and its length. */
public record SummaryOffset(int groupOpcode, long groupStart, long groupLength) {}
