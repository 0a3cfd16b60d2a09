package ai.curate.jobs.video;

import java.io.Serializable;
import java.util.List;

/**
 * How fleet camera videos are analysed and which of their signals flag a fault (docs/human-ingest.md, "Fleet camera
 * videos"). The flags use the decoded signals' scales (mean luma 0-255, variance of the Laplacian at the signal
 * width).
 *
 * @param mode {@link #PACKETS}: every packet read without decoding, key frames decoded; {@link #FULL}: every frame
 *     decoded as well
 * @param pictureIntervalSeconds packets mode decodes the first key frame, then each first key frame at least this many
 *     seconds after the last one decoded (0: every key frame): a time budget, whatever the encoder's key-frame spacing
 * @param unchangedMaxBytes largest inter-frame packet that codes no change ({@link PacketSignals})
 * @param frozenMinSeconds shortest run of unchanged frames flagged {@code frozen}
 * @param darkMaxBrightness mean decoded brightness below this flags {@code dark}
 * @param blurMaxSharpness mean decoded sharpness below this flags {@code blurred}
 * @param maxDroppedFrames frames missing from the timeline above this flag {@code dropped_frames}
 */
public record FleetVideoOptions(String mode, double pictureIntervalSeconds, int unchangedMaxBytes,
    double frozenMinSeconds,
    double darkMaxBrightness, double blurMaxSharpness, int maxDroppedFrames) implements Serializable {

  public static final String PACKETS = "packets";
  public static final String FULL = "full";
  public static final List<String> MODES = List.of(PACKETS, FULL);

  public static final String FLAG_TRUNCATED = "truncated";
  public static final String FLAG_CORRUPT = "corrupt";
  public static final String FLAG_DARK = "dark";
  public static final String FLAG_BLURRED = "blurred";
  public static final String FLAG_FROZEN = "frozen";
  public static final String FLAG_DROPPED = "dropped_frames";

  public FleetVideoOptions {
    if (!MODES.contains(mode)) {
      throw new IllegalArgumentException("human_ingest.fleet_video.mode must be one of " + MODES + ", got '" + mode
          + "'");
    }
    if (!(pictureIntervalSeconds >= 0) || !Double.isFinite(pictureIntervalSeconds)) {
      throw new IllegalArgumentException("human_ingest.fleet_video.picture_interval_s must be 0 or more seconds, got "
          + pictureIntervalSeconds);
    }
    if (unchangedMaxBytes < 0) {
      throw new IllegalArgumentException("human_ingest.fleet_video.unchanged_max_bytes must be at least 0, got "
          + unchangedMaxBytes);
    }
    if (!(frozenMinSeconds > 0) || !Double.isFinite(frozenMinSeconds)) {
      throw new IllegalArgumentException("human_ingest.fleet_video.frozen_min_s must be a positive number of seconds,"
          + " got " + frozenMinSeconds);
    }
    if (maxDroppedFrames < 0) {
      throw new IllegalArgumentException("human_ingest.fleet_video.max_dropped_frames must be at least 0, got "
          + maxDroppedFrames);
    }
  }

  public static FleetVideoOptions defaults() {
    return new FleetVideoOptions(PACKETS, 2.0, 32, 2.0, 40, 20, 0);
  }

  public boolean decodeEveryFrame() {
    return FULL.equals(mode);
  }

  public FleetVideoOptions withMode(String m) {
    return new FleetVideoOptions(m, pictureIntervalSeconds, unchangedMaxBytes, frozenMinSeconds, darkMaxBrightness,
        blurMaxSharpness, maxDroppedFrames);
  }

  public FleetVideoOptions withPictureInterval(double seconds) {
    return new FleetVideoOptions(mode, seconds, unchangedMaxBytes, frozenMinSeconds, darkMaxBrightness,
        blurMaxSharpness, maxDroppedFrames);
  }
}
