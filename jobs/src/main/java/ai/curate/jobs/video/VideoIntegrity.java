package ai.curate.jobs.video;

import java.io.Serializable;

/**
 * Whether a decoded video is complete and clean. JavaCV drops frames it cannot decode without saying so, so damage is
 * inferred from what came out: fewer frames than the container declares, a decoded span shorter than the stream's
 * duration (a file that ends early), and FFmpeg error log lines (a corrupt bitstream).
 *
 * @param missingFrames declared frames minus decoded frames (never negative); null when the container does not declare
 *     a count or only key frames were decoded
 * @param coverage decoded span / stream duration; null when the duration is unknown or only key frames were decoded
 * @param truncated coverage below the threshold: the file ends before its declared duration; null when not judged
 * @param corrupt FFmpeg logged at least one error while opening or decoding the file
 */
public record VideoIntegrity(Long missingFrames, Double coverage, Boolean truncated, boolean corrupt)
    implements
      Serializable {

  public static final String OK = "ok";
  public static final String DAMAGED = "damaged";

  public static VideoIntegrity assess(int decodedFrames, Long declaredFrames, Long decodedSpanUs, Long durationUs,
      long decodeErrors, boolean keyframesOnly, double minCoverage) {
    boolean corrupt = decodeErrors > 0;
    if (keyframesOnly) {
      return new VideoIntegrity(null, null, null, corrupt);
    }
    Long missing = declaredFrames == null || declaredFrames <= 0 ? null : Math.max(0L, declaredFrames - decodedFrames);
    Double coverage = durationUs == null || durationUs <= 0 || decodedSpanUs == null
        ? null
        : (double) decodedSpanUs / durationUs;
    Boolean truncated = coverage == null ? null : coverage < minCoverage;
    return new VideoIntegrity(missing, coverage, truncated, corrupt);
  }

  /** {@link #OK} when nothing is wrong, else {@link #DAMAGED} (the video was decoded, but not all of it, or not cleanly). */
  public String status() {
    boolean damaged = corrupt || Boolean.TRUE.equals(truncated) || (missingFrames != null && missingFrames > 0);
    return damaged ? DAMAGED : OK;
  }
}
