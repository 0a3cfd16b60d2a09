package ai.curate.retargeting.retarget;

/**
 * Thresholds of the trajectory metrics.
 *
 * @param jumpThresholdRad a frame-to-frame change of any joint larger than this is a jump (default 0.3)
 * @param limitMarginRad a joint within this of a limit counts as saturated (default 0.01)
 * @param fallbackFps frame rate used when the poses carry no usable timestamps (default 30)
 */
public record MetricsSettings(Double jumpThresholdRad, Double limitMarginRad, Double fallbackFps) {
  public MetricsSettings {
    jumpThresholdRad = jumpThresholdRad == null ? 0.3 : jumpThresholdRad;
    limitMarginRad = limitMarginRad == null ? 0.01 : limitMarginRad;
    fallbackFps = fallbackFps == null ? 30.0 : fallbackFps;
  }

  public static MetricsSettings defaults() {
    return new MetricsSettings(null, null, null);
  }
}
