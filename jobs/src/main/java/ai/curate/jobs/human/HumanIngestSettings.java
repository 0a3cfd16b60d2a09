package ai.curate.jobs.human;

import ai.curate.jobs.video.VideoAnalysisOptions;
import java.io.Serializable;

/**
 * Settings of the {@code ingest-human} stage. Flat and snake_case-bindable, so the config can carry it as
 * <pre>
 * human_ingest:
 *   keyframes_only: false          # triage: decode key frames only (fast, frame indices estimated)
 *   signal_width: 160              # width of the grey image the frame signals are computed on
 *   max_pose_errors_per_clip: 20   # malformed pose.jsonl lines listed one by one in the ledger, then summarised
 * </pre>
 */
public record HumanIngestSettings(boolean keyframesOnly, int signalWidth, int maxPoseErrorsPerClip)
    implements Serializable {

  public HumanIngestSettings {
    if (maxPoseErrorsPerClip < 1) {
      throw new IllegalArgumentException("human_ingest.max_pose_errors_per_clip must be at least 1, got "
          + maxPoseErrorsPerClip);
    }
    videoOptions(keyframesOnly, signalWidth);
  }

  public static HumanIngestSettings defaults() {
    return new HumanIngestSettings(false, VideoAnalysisOptions.DEFAULT_SIGNAL_WIDTH, 20);
  }

  /** The config section {@code human_ingest} (validated there, once, at load). */
  public static HumanIngestSettings from(ai.curate.jobs.config.CurateConfig.HumanIngestConfig c) {
    return new HumanIngestSettings(c.keyframesOnly(), c.signalWidth(), c.maxPoseErrorsPerClip());
  }

  public HumanIngestSettings withKeyframesOnly(boolean keyframes) {
    return new HumanIngestSettings(keyframes, signalWidth, maxPoseErrorsPerClip);
  }

  public VideoAnalysisOptions videoOptions() {
    return videoOptions(keyframesOnly, signalWidth);
  }

  private static VideoAnalysisOptions videoOptions(boolean keyframesOnly, int signalWidth) {
    return VideoAnalysisOptions.defaults().withKeyframesOnly(keyframesOnly).withSignalWidth(signalWidth);
  }
}
