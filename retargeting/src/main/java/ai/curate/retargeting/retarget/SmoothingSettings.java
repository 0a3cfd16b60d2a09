package ai.curate.retargeting.retarget;

/**
 * Zero-phase low-pass over a whole clip (a second-order Butterworth run forwards and backwards).
 *
 * @param enabled default true
 * @param cutoffHz default 6 Hz (hand motion in manipulation video sits well below it)
 */
public record SmoothingSettings(Boolean enabled, Double cutoffHz) {
  public SmoothingSettings {
    enabled = enabled == null ? Boolean.TRUE : enabled;
    cutoffHz = cutoffHz == null ? 6.0 : cutoffHz;
  }

  public static SmoothingSettings defaults() {
    return new SmoothingSettings(null, null);
  }
}
