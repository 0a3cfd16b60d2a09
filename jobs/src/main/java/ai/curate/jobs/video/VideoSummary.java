package ai.curate.jobs.video;

import java.io.Serializable;
import java.util.List;

/**
 * Per-video facts: what the container declares, what decoding measured, and aggregates of the frame signals.
 *
 * @param declared what the container declares about the video stream ({@link StreamFacts})
 * @param ptsMissingCount frames without a timestamp (theirs was extrapolated from the previous frame)
 * @param decodeErrors FFmpeg error log lines while opening and decoding (see {@link FfmpegLog})
 * @param decodeErrorMessages the first few of them
 */
public record VideoSummary(
    StreamFacts declared,
    boolean keyframesOnly,
    int signalWidth,
    int signalHeight,
    FrameTiming timing,
    int keyFrameCount,
    int ptsMissingCount,
    long decodeErrors,
    long decodeWarnings,
    List<String> decodeErrorMessages,
    VideoIntegrity integrity,
    Double meanBrightness,
    Double meanContrast,
    Double meanSharpness,
    int blackFrameCount,
    int frozenFrameCount,
    int sceneCutCount) implements Serializable {

  /** The duration the decoded span is compared with: the stream's if declared, else the container's. */
  public Long durationUs() {
    return declared.durationUs();
  }
}
