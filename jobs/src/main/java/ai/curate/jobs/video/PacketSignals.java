package ai.curate.jobs.video;

import java.io.Serializable;
import java.util.Arrays;

/**
 * What a video's packets say without decoding it: frames missing from the timeline and runs of frames that code no
 * change.
 *
 * <p><b>Dropped frames.</b> The nominal frame period is the median interval between consecutive presentation times;
 * an interval of 1.5 periods or more is a gap of {@code round(interval / period) - 1} missing frames.
 *
 * <p><b>Unchanged frames.</b> An inter-coded frame whose packet holds at most {@code unchangedMaxBytes} codes
 * (almost) nothing: an H.264 frame whose macroblocks are all skipped is 10-20 bytes at any resolution, while a camera
 * picture with sensor noise never is. A key frame is coded in full, so its size says nothing; it continues a run
 * when it lies between two unchanged inter frames (a static picture across a key frame). Decoded pixels cannot
 * settle it: a key frame re-encodes the same picture with its own quantisation, so it differs from the frame before
 * by more than a frozen frame's few levels. A run of consecutive
 * unchanged frames at least {@code minRunFrames} long is a frozen (or perfectly static) picture.
 *
 * @param unchanged per frame, in presentation order: inside a frozen run
 * @param frozenFrames frames inside frozen runs
 * @param frozenRuns number of frozen runs
 * @param longestUnchangedRun longest run of unchanged frames, frozen or not
 * @param medianIntervalUs nominal frame period; null with fewer than two frames
 * @param droppedFrames frames missing from the timeline, summed over all gaps
 * @param gaps intervals of 1.5 nominal periods or more
 * @param longestIntervalUs longest interval between consecutive frames; null with fewer than two frames
 */
public record PacketSignals(boolean[] unchanged, int frozenFrames, int frozenRuns, int longestUnchangedRun,
    Long medianIntervalUs, int droppedFrames, int gaps, Long longestIntervalUs) implements Serializable {

  /** An interval this many nominal periods long or longer holds at least one missing frame. */
  static final double GAP_PERIODS = 1.5;

  /**
   * @param track the video's packets
   * @param unchangedMaxBytes largest inter-frame packet that counts as coding no change
   * @param frozenMinSeconds shortest frozen picture: a run of unchanged frames showing one picture this long (the
   *     frame before the run shows it too) at the nominal frame period
   */
  public static PacketSignals of(PacketTrack track, int unchangedMaxBytes,
      double frozenMinSeconds) {
    int n = track.count();
    Long period = medianInterval(track);
    int minRunFrames = period == null || period <= 0
        ? Integer.MAX_VALUE
        : (int) Math.max(1, Math.ceil(frozenMinSeconds * 1_000_000.0 / period - 1e-9) - 1);
    boolean[] same = new boolean[n];
    for (int i = 1; i < n; i++) {
      if (!track.key()[i]) {
        same[i] = track.bytes()[i] <= unchangedMaxBytes;
      }
    }
    for (int i = 1; i < n; i++) {
      if (track.key()[i]) {
        same[i] = i + 1 < n && same[i - 1] && !track.key()[i + 1] && same[i + 1];
      }
    }
    boolean[] inRun = new boolean[n];
    int frozen = 0;
    int runs = 0;
    int longest = 0;
    int i = 0;
    while (i < n) {
      if (!same[i]) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && same[i]) {
        i++;
      }
      int length = i - start;
      longest = Math.max(longest, length);
      if (length >= minRunFrames) {
        runs++;
        frozen += length;
        Arrays.fill(inRun, start, i, true);
      }
    }
    if (period == null) {
      return new PacketSignals(inRun, frozen, runs, longest, null, 0, 0, null);
    }
    long median = period;
    long longestInterval = 0;
    int dropped = 0;
    int gaps = 0;
    for (int k = 1; k < n; k++) {
      long d = track.ptsUs()[k] - track.ptsUs()[k - 1];
      longestInterval = Math.max(longestInterval, d);
      if (median > 0 && d >= GAP_PERIODS * median) {
        gaps++;
        dropped += (int) Math.min(Integer.MAX_VALUE - (long) dropped, Math.round((double) d / median) - 1);
      }
    }
    return new PacketSignals(inRun, frozen, runs, longest, median, dropped, gaps, longestInterval);
  }

  /** The median interval between consecutive presentation times (the lower median); null with fewer than 2 frames. */
  static Long medianInterval(PacketTrack track) {
    int n = track.count();
    if (n < 2) {
      return null;
    }
    long[] intervals = new long[n - 1];
    for (int k = 1; k < n; k++) {
      intervals[k - 1] = track.ptsUs()[k] - track.ptsUs()[k - 1];
    }
    Arrays.sort(intervals);
    return intervals[(intervals.length - 1) / 2];
  }
}
