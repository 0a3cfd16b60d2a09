package ai.curate.mcap.records;

/** The DataEnd record (0x0F): closes the data section, with the CRC-32 of every byte before it (0 when not computed). */
public record DataEnd(long dataSectionCrc) {}
