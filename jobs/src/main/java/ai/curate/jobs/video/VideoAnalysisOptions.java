package ai.curate.jobs.video;

import java.io.Serializable;

/**
 * How {@link VideoAnalyzer} decodes and scores a video. The defaults are part of the signal definitions documented in
 * docs/human-ingest.md: change them and the numbers in {@code bronze.human_video_frames} change meaning.
 *
 * @param signalWidth width in pixels of the grey image the frame signals are computed on; the height follows the coded
 *     aspect ratio. Sharpness values are only comparable at the same width.
 * @param keyframesOnly triage mode: decode key frames only (typically 1 frame in 30-250), far faster; frame indices are
 *     then estimated from timestamps and completeness checks that need every frame are skipped
 * @param frozenMaxPixelDiff a frame in which no pixel's luma differs from the previous analysed frame by more than this
 *     (0-255 scale) is frozen. A per-pixel bound, not a mean: a hand moving in front of a static camera changes only a
 *     few percent of the picture, so its mean difference is as small as a frozen frame's, but its largest is not
 * @param blackPixelMaxLuma a pixel at or below this luma (0-255) counts as black
 * @param blackMinFraction a frame with at least this fraction of black pixels is a black frame (FFmpeg's
 *     {@code blackframe} filter uses 32 and 0.98)
 * @param sceneCutMinScore scene score (0-100, FFmpeg {@code scdet}'s definition) at or above which a frame starts a new
 *     scene
 * @param vfrMinSpread relative spread of frame intervals, (p90 - p10) / median, above which a video is variable frame rate
 * @param minCoverage decoded span / stream duration below which a video counts as truncated
 */
public record VideoAnalysisOptions(
    int signalWidth,
    boolean keyframesOnly,
    int frozenMaxPixelDiff,
    int blackPixelMaxLuma,
    double blackMinFraction,
    double sceneCutMinScore,
    double vfrMinSpread,
    double minCoverage) implements Serializable {

  public static final int DEFAULT_SIGNAL_WIDTH = 160;

  public VideoAnalysisOptions {
    if (signalWidth < 16 || signalWidth > FrameSignalCalculator.MAX_WIDTH) {
      throw new IllegalArgumentException("signal width must be 16.." + FrameSignalCalculator.MAX_WIDTH
          + " pixels, got " + signalWidth);
    }
    if (blackMinFraction <= 0 || blackMinFraction > 1) {
      throw new IllegalArgumentException("black frame fraction must be in (0, 1], got " + blackMinFraction);
    }
    if (minCoverage <= 0 || minCoverage > 1) {
      throw new IllegalArgumentException("minimum coverage must be in (0, 1], got " + minCoverage);
    }
  }

  public static VideoAnalysisOptions defaults() {
    return new VideoAnalysisOptions(DEFAULT_SIGNAL_WIDTH, false, 2, 32, 0.98, 10.0, 0.1, 0.98);
  }

  public VideoAnalysisOptions withKeyframesOnly(boolean keyframes) {
    return new VideoAnalysisOptions(signalWidth, keyframes, frozenMaxPixelDiff, blackPixelMaxLuma, blackMinFraction,
        sceneCutMinScore, vfrMinSpread, minCoverage);
  }

  public VideoAnalysisOptions withSignalWidth(int width) {
    return new VideoAnalysisOptions(width, keyframesOnly, frozenMaxPixelDiff, blackPixelMaxLuma, blackMinFraction,
        sceneCutMinScore, vfrMinSpread, minCoverage);
  }

  /** The grey image's height for a coded size: aspect preserved, at least 8 rows. */
  public int signalHeight(int codedWidth, int codedHeight) {
    if (codedWidth <= 0 || codedHeight <= 0) {
      return signalWidth;
    }
    return Math.max(8, (int) Math.round((double) signalWidth * codedHeight / codedWidth));
  }
}
