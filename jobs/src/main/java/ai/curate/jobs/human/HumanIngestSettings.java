package ai.curate.jobs.human;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.video.FaceBlurOptions;
import ai.curate.jobs.video.VideoAnalysisOptions;
import java.io.Serializable;

/**
 * Settings of the {@code ingest-human} stage, bound from the config section
 * <pre>
 * human_ingest:
 *   keyframes_only: false          # triage: decode key frames only (fast, frame indices estimated)
 *   signal_width: 160              # width of the grey image the frame signals are computed on
 *   max_pose_errors_per_clip: 20   # malformed pose.jsonl lines listed one by one in the ledger, then summarised
 *   fleet_cameras: true            # also decode the date's fleet camera videos (bronze.fleet_video_*)
 *   face_blur: {enabled: false, output: "", ...}   # see FaceBlur
 * </pre>
 *
 * @param faceBlur the face-blur pass, or null when it is off (the default)
 */
public record HumanIngestSettings(boolean keyframesOnly, int signalWidth, int maxPoseErrorsPerClip,
    boolean fleetCameras, FaceBlur faceBlur) implements Serializable {

  /**
   * The optional face-blur pass: de-identified copies of every ingested clip's video under {@code output}.
   *
   * @param output folder URI or path; copies go to {@code <output>/date=D/<dataset>/<clip_id>/video.mp4}
   */
  public record FaceBlur(FaceBlurOptions options, String output) implements Serializable {
    public FaceBlur {
      if (output == null || output.isBlank()) {
        throw new IllegalArgumentException("human_ingest.face_blur.output is blank and paths.warehouse is not set:"
            + " set one of them");
      }
    }
  }

  public HumanIngestSettings {
    if (maxPoseErrorsPerClip < 1) {
      throw new IllegalArgumentException("human_ingest.max_pose_errors_per_clip must be at least 1, got "
          + maxPoseErrorsPerClip);
    }
    videoOptions(keyframesOnly, signalWidth);
  }

  /** Fleet cameras decoded, face blur off. */
  public HumanIngestSettings(boolean keyframesOnly, int signalWidth, int maxPoseErrorsPerClip) {
    this(keyframesOnly, signalWidth, maxPoseErrorsPerClip, true, null);
  }

  public static HumanIngestSettings defaults() {
    return new HumanIngestSettings(false, VideoAnalysisOptions.DEFAULT_SIGNAL_WIDTH, 20);
  }

  /**
   * The config section {@code human_ingest} (validated there, once, at load); a blank face-blur output means
   * {@code <warehouse>/deidentified/human}.
   */
  public static HumanIngestSettings from(CurateConfig.HumanIngestConfig c, String warehouse) {
    return new HumanIngestSettings(c.keyframesOnly(), c.signalWidth(), c.maxPoseErrorsPerClip(), c.fleetCameras(),
        faceBlur(c.faceBlur(), warehouse));
  }

  private static FaceBlur faceBlur(CurateConfig.FaceBlurConfig c, String warehouse) {
    if (c == null) {
      return null;
    }
    // Built (so validated) even while the pass is off: a bad value fails at load, not on the day it is turned on.
    FaceBlurOptions options = new FaceBlurOptions(c.cascade(), c.scaleFactor(), c.minNeighbors(),
        c.minFaceFraction(), c.detectWidth(), c.margin());
    if (!c.enabled()) {
      return null;
    }
    String output = c.output() != null && !c.output().isBlank()
        ? c.output()
        : warehouse == null || warehouse.isBlank() ? null : stripSlash(warehouse) + "/deidentified/human";
    return new FaceBlur(options, output);
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  public HumanIngestSettings withKeyframesOnly(boolean keyframes) {
    return new HumanIngestSettings(keyframes, signalWidth, maxPoseErrorsPerClip, fleetCameras, faceBlur);
  }

  public HumanIngestSettings withFleetCameras(boolean decode) {
    return new HumanIngestSettings(keyframesOnly, signalWidth, maxPoseErrorsPerClip, decode, faceBlur);
  }

  public HumanIngestSettings withFaceBlur(FaceBlur blur) {
    return new HumanIngestSettings(keyframesOnly, signalWidth, maxPoseErrorsPerClip, fleetCameras, blur);
  }

  public VideoAnalysisOptions videoOptions() {
    return videoOptions(keyframesOnly, signalWidth);
  }

  private static VideoAnalysisOptions videoOptions(boolean keyframesOnly, int signalWidth) {
    return VideoAnalysisOptions.defaults().withKeyframesOnly(keyframesOnly).withSignalWidth(signalWidth);
  }
}
