package ai.curate.jobs.video;

import java.io.Serializable;
import java.util.List;

/** What {@link VideoAnalyzer} found: the per-video summary and one {@link FrameSignals} per analysed frame, in order. */
public record VideoAnalysis(VideoSummary summary, List<FrameSignals> frames) implements Serializable {}
