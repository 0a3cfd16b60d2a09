package ai.curate.jobs.video;

import java.io.Serializable;
import java.util.List;

/**
 * Per-video facts: what the container declares, what decoding measured, and aggregates of the frame signals.
 *
 * @param containerFormat FFmpeg demuxer name, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param codec decoder name, e.g. {@code h264}
 * @param pixelFormat coded pixel format, e.g. {@code yuv420p}
 * @param codedWidth coded (stored) width; a rotated video is displayed with width and height swapped
 * @param rotationDegrees counter-clockwise rotation to apply for display, 0/90/180/270 (the display matrix, the number
 *     ffprobe prints as the side data's {@code rotation}, normalised to 0..359)
 * @param declaredFps the stream's average frame rate as declared by the container
 * @param baseFps the stream's base (lowest common) frame rate ({@code r_frame_rate})
 * @param declaredFrameCount frames the container index lists; null when it does not say
 * @param streamDurationUs the video stream's declared duration; null when unknown
 * @param containerDurationUs the container's declared duration; null when unknown
 * @param ptsMissingCount frames without a timestamp (theirs was extrapolated from the previous frame)
 * @param decodeErrors FFmpeg error log lines while opening and decoding (see {@link FfmpegLog})
 * @param decodeErrorMessages the first few of them
 */
public record VideoSummary(
    String containerFormat,
    String codec,
    String pixelFormat,
    int codedWidth,
    int codedHeight,
    int rotationDegrees,
    Long bitRate,
    Double declaredFps,
    Double baseFps,
    Long declaredFrameCount,
    Long streamDurationUs,
    Long containerDurationUs,
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
    return streamDurationUs != null ? streamDurationUs : containerDurationUs;
  }
}
