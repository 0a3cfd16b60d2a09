package ai.curate.mcap.records;

/**
 * The Footer record (0x02): where the summary and summary-offset sections start (0 when absent) and the CRC-32 of the
 * summary (0 when not computed).
 */
public record Footer(long summaryStart, long summaryOffsetStart, long summaryCrc) {}
