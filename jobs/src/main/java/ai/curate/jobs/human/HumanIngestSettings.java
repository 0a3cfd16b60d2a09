package ai.curate.jobs.human;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.config.Settings;
import ai.curate.jobs.landing.LandingZone;
import ai.curate.jobs.video.FaceBlurOptions;
import ai.curate.jobs.video.FleetVideoOptions;
import ai.curate.jobs.video.VideoAnalysisOptions;
import java.io.Serializable;

/**
 * Settings of the {@code ingest-human} stage, bound from the config section
 * <pre>
 * human_ingest:
 *   keyframes_only: false          # triage: decode key frames only (fast, frame indices estimated)
 *   signal_width: 160              # width of the grey image the frame signals are computed on
 *   max_pose_errors_per_clip: 20   # malformed pose.jsonl lines listed one by one in the ledger, then summarised
 *   max_clip_json_bytes: 16777216  # see ReadLimits
 *   max_pose_line_bytes: 1048576
 *   max_pose_file_bytes: 1073741824
 *   fleet_cameras: true            # also decode the date's fleet camera videos (bronze.fleet_video_*)
 *   face_blur: {enabled: false, output: "", ...}   # see FaceBlur
 *   egodex_consent: false          # EgoDex recordings: consent true (else unknown)
 *   fleet_video: {mode: packets, ...}   # how fleet camera videos are analysed, see FleetVideoOptions
 * </pre>
 *
 * @param faceBlur the face-blur pass, or null when it is off (the default)
 * @param egodexConsent whether EgoDex recordings are marked as filmed with consent (their files do not say); false
 *     leaves their consent unknown, and the default quality rules quarantine them
 * @param fleetVideo how fleet camera videos are analysed and flagged
 */
public record HumanIngestSettings(boolean keyframesOnly, int signalWidth, int maxPoseErrorsPerClip,
    boolean fleetCameras, FaceBlur faceBlur, ReadLimits limits, boolean egodexConsent, FleetVideoOptions fleetVideo)
    implements
      Serializable {

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

  /**
   * How much of a clip folder's files is read (uploads are not trusted, docs/operations.md "Trust boundaries"). Over a
   * limit, nothing more of that file is read and one ledger row says so.
   *
   * @param clipJsonBytes largest clip.json: a larger one rejects the clip
   * @param poseLineBytes longest pose.jsonl line: a longer one is skipped unread, the rest of the track is kept
   * @param poseFileBytes largest pose.jsonl: a larger one is not read (the clip is ingested without pose rows)
   */
  public record ReadLimits(long clipJsonBytes, long poseLineBytes, long poseFileBytes) implements Serializable {
    public ReadLimits {
      if (clipJsonBytes < 1 || poseLineBytes < 1 || poseFileBytes < 1) {
        throw new IllegalArgumentException("human_ingest read limits must be at least 1 byte, got clip.json "
            + clipJsonBytes + ", pose line " + poseLineBytes + ", pose file " + poseFileBytes);
      }
      if (clipJsonBytes >= Integer.MAX_VALUE) {
        // clip.json is read into one byte array.
        throw new IllegalArgumentException("human_ingest.max_clip_json_bytes must be below 2 GiB, got "
            + clipJsonBytes);
      }
    }

    /** The built-in defaults of {@link Settings}. */
    public static ReadLimits defaults() {
      return new ReadLimits(Settings.HUMAN_MAX_CLIP_JSON_BYTES.defaultValue(),
          Settings.HUMAN_MAX_POSE_LINE_BYTES.defaultValue(), Settings.HUMAN_MAX_POSE_FILE_BYTES.defaultValue());
    }
  }

  public HumanIngestSettings {
    if (maxPoseErrorsPerClip < 1) {
      throw new IllegalArgumentException("human_ingest.max_pose_errors_per_clip must be at least 1, got "
          + maxPoseErrorsPerClip);
    }
    if (limits == null) {
      throw new IllegalArgumentException("human_ingest read limits are missing");
    }
    if (fleetVideo == null) {
      throw new IllegalArgumentException("human_ingest.fleet_video is missing");
    }
    videoOptions(keyframesOnly, signalWidth);
  }

  /** Fleet cameras decoded, face blur off, default read limits. */
  public HumanIngestSettings(boolean keyframesOnly, int signalWidth, int maxPoseErrorsPerClip) {
    this(keyframesOnly, signalWidth, maxPoseErrorsPerClip, true, null, ReadLimits.defaults(), false,
        FleetVideoOptions.defaults());
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
        faceBlur(c.faceBlur(), warehouse),
        new ReadLimits(c.maxClipJsonBytes(), c.maxPoseLineBytes(), c.maxPoseFileBytes()), c.egodexConsent(),
        fleetVideo(c.fleetVideo()));
  }

  private static FleetVideoOptions fleetVideo(CurateConfig.FleetVideoConfig c) {
    return c == null
        ? FleetVideoOptions.defaults()
        : new FleetVideoOptions(c.mode(), c.pictureIntervalS(), c.unchangedMaxBytes(), c.frozenMinS(),
            c.darkMaxBrightness(),
            c.blurMaxSharpness(), c.maxDroppedFrames());
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
    return new FaceBlur(options, faceBlurOutput(c, warehouse));
  }

  /**
   * Where the face-blur copies go: {@code output} when set (also while the pass is off, so that a bad value fails at
   * load), else {@code <warehouse>/deidentified/human} when the pass is on; null when there is nothing to check.
   */
  public static String faceBlurOutput(CurateConfig.FaceBlurConfig c, String warehouse) {
    if (c == null) {
      return null;
    }
    if (c.output() != null && !c.output().isBlank()) {
      return c.output();
    }
    if (!c.enabled() || warehouse == null || warehouse.isBlank()) {
      return null;
    }
    return stripSlash(warehouse) + "/deidentified/human";
  }

  /**
   * Why the face-blur output cannot be used with this landing zone, or null. The copies must stay out of
   * {@code paths.raw} (the next ingest would list them as uploads, and the un-blurred originals would sit beside
   * them), and the landing zone must not lie inside the copies' folder (a rerun replaces copies there).
   */
  public static String faceBlurOutputProblem(String raw, String output) {
    if (raw == null || raw.isBlank() || output == null || output.isBlank() || !LandingZone.nested(raw, output)) {
      return null;
    }
    return "the de-identified copies' folder " + output + " is paths.raw (" + raw + "), inside it or contains it:"
        + " keep de-identified copies and the landing zone apart (blank: <paths.warehouse>/deidentified/human)";
  }

  private static String stripSlash(String path) {
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  public HumanIngestSettings withKeyframesOnly(boolean keyframes) {
    return new HumanIngestSettings(keyframes, signalWidth, maxPoseErrorsPerClip, fleetCameras, faceBlur, limits,
        egodexConsent, fleetVideo);
  }

  public HumanIngestSettings withFleetCameras(boolean decode) {
    return new HumanIngestSettings(keyframesOnly, signalWidth, maxPoseErrorsPerClip, decode, faceBlur, limits,
        egodexConsent, fleetVideo);
  }

  public HumanIngestSettings withFaceBlur(FaceBlur blur) {
    return new HumanIngestSettings(keyframesOnly, signalWidth, maxPoseErrorsPerClip, fleetCameras, blur, limits,
        egodexConsent, fleetVideo);
  }

  public HumanIngestSettings withLimits(ReadLimits readLimits) {
    return new HumanIngestSettings(keyframesOnly, signalWidth, maxPoseErrorsPerClip, fleetCameras, faceBlur,
        readLimits, egodexConsent, fleetVideo);
  }

  public HumanIngestSettings withFleetVideo(FleetVideoOptions options) {
    return new HumanIngestSettings(keyframesOnly, signalWidth, maxPoseErrorsPerClip, fleetCameras, faceBlur, limits,
        egodexConsent, options);
  }

  public HumanIngestSettings withEgodexConsent(boolean consent) {
    return new HumanIngestSettings(keyframesOnly, signalWidth, maxPoseErrorsPerClip, fleetCameras, faceBlur, limits,
        consent, fleetVideo);
  }

  public VideoAnalysisOptions videoOptions() {
    return videoOptions(keyframesOnly, signalWidth);
  }

  private static VideoAnalysisOptions videoOptions(boolean keyframesOnly, int signalWidth) {
    return VideoAnalysisOptions.defaults().withKeyframesOnly(keyframesOnly).withSignalWidth(signalWidth);
  }
}
