package ai.curate.jobs.video;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Timing of the decoded frames of one video: measured rate, frame interval statistics and variable-frame-rate
 * detection. A video is VFR when the relative spread of its frame intervals, (p90 - p10) / median, exceeds the
 * threshold: a constant-rate video has spread 0 (up to timestamp rounding), and a few dropped frames move neither
 * percentile, so a CFR video with gaps is not mistaken for VFR (gaps show in {@code maxIntervalUs}).
 *
 * @param frameCount frames timed
 * @param firstPtsUs timestamp of the first frame (null without frames)
 * @param lastPtsUs timestamp of the last frame (null without frames)
 * @param measuredFps (frames - 1) / (last - first); null with fewer than two frames or a zero span
 * @param nonIncreasingCount intervals that are zero or negative (duplicate or out-of-order timestamps)
 * @param spread (p90 - p10) / median of the intervals; null with fewer than two intervals
 */
public record FrameTiming(
    int frameCount,
    Long firstPtsUs,
    Long lastPtsUs,
    Double measuredFps,
    Long medianIntervalUs,
    Long minIntervalUs,
    Long maxIntervalUs,
    Double spread,
    int nonIncreasingCount,
    boolean variableFrameRate) implements Serializable {

  public static FrameTiming of(long[] ptsUs, int count, double vfrMinSpread) {
    if (count == 0) {
      return new FrameTiming(0, null, null, null, null, null, null, null, 0, false);
    }
    long first = ptsUs[0];
    long last = ptsUs[count - 1];
    if (count == 1) {
      return new FrameTiming(1, first, last, null, null, null, null, null, 0, false);
    }
    long[] intervals = new long[count - 1];
    int nonIncreasing = 0;
    for (int i = 1; i < count; i++) {
      intervals[i - 1] = ptsUs[i] - ptsUs[i - 1];
      if (intervals[i - 1] <= 0) {
        nonIncreasing++;
      }
    }
    Arrays.sort(intervals);
    long median = percentile(intervals, 0.5);
    Double spread = null;
    boolean vfr = false;
    if (intervals.length >= 2 && median > 0) {
      spread = (double) (percentile(intervals, 0.9) - percentile(intervals, 0.1)) / median;
      vfr = spread > vfrMinSpread;
    }
    Double fps = last > first ? (count - 1) * 1_000_000.0 / (last - first) : null;
    return new FrameTiming(count, first, last, fps, median, intervals[0], intervals[intervals.length - 1], spread,
        nonIncreasing, vfr);
  }

  /** Nearest-rank percentile of sorted values. */
  static long percentile(long[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
  }

  /** Time the decoded frames cover: last - first plus one typical frame interval (the last frame is shown too). */
  public Long decodedSpanUs() {
    if (firstPtsUs == null) {
      return null;
    }
    return lastPtsUs - firstPtsUs + (medianIntervalUs == null ? 0 : Math.max(0, medianIntervalUs));
  }
}
