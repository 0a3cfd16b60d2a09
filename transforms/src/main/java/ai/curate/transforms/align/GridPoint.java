package ai.curate.transforms.align;

/** One step of an episode's output grid, on the robot clock. */
public record GridPoint(String episodeId, long stepIndex, long tsNs) {}
