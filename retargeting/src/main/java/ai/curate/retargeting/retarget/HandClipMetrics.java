package ai.curate.retargeting.retarget;

/**
 * Clip-level quality of one retargeted hand, the numbers quality rules use. Errors in millimetres,
 * jerk in rad/s^3 (root mean square over joints and frames), fractions in [0, 1].
 *
 * @param rawJerkRms jerk of the per-frame solutions before smoothing, to show what smoothing removed
 */
public record HandClipMetrics(
    String side,
    int frames,
    int framesWithHand,
    Double vectorErrorMmMean,
    Double vectorErrorMmP95,
    Double vectorErrorMmMax,
    Double solverVectorErrorMmMean,
    Double limitSaturationFraction,
    int velocityViolations,
    Double jerkRms,
    Double rawJerkRms,
    int jumpCount,
    Double iterationsMean,
    Integer iterationsMax,
    Double convergenceRate) {}
