package ai.curate.retargeting.retarget;

import java.util.Map;

/** What retargeting one clip produced, beside the per-frame output: frame count, frame rate, per-hand metrics. */
public record ClipSummary(int frames, double fps, Map<String, HandClipMetrics> hands) {}
