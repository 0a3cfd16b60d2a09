package ai.curate.jobs.sample;

/**
 * One planted defect as written to {@code _planted_faults.json}. Paths are relative to the sample root. Windows are
 * on the affected stream's own (device) clock; null where a fault has no time extent.
 */
public record PlantedFault(
    String id,
    FaultKind kind,
    String path,
    String robotId,
    String sessionId,
    String dataset,
    String clipId,
    String episodeId,
    String stream,
    String joint,
    Long windowStartTsNs,
    Long windowEndTsNs,
    int affectedRows) {}
