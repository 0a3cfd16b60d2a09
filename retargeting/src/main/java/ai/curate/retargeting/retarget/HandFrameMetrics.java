package ai.curate.retargeting.retarget;

/**
 * Per-frame quality of one retargeted hand. Nulls mean "not defined here" (hand absent, or too
 * few neighbouring frames for a derivative).
 *
 * @param vectorErrorMm mean vector error of the output (smoothed) joints
 * @param solverVectorErrorMm mean vector error of the raw per-frame solution, before smoothing
 * @param saturatedJoints joints within the limit margin of a bound
 * @param velocityViolations joints whose speed from the previous frame exceeds the URDF velocity limit
 * @param maxSpeedRadS largest joint speed from the previous frame
 * @param jerkRadS3 largest absolute joint jerk around this frame
 * @param jump some joint changed by more than the jump threshold since the previous frame
 * @param jerkSquareSum sum over the hand's solved joints of the squared jerk ((rad/s^3)^2) of the window centred
 *     like {@code jerkRadS3}: summed over a clip's frames and divided by (frames with jerk x solved joints), it gives
 *     the clip's {@link HandClipMetrics#jerkRms()} (so clip metrics can be pooled from frames, e.g. across chunks)
 */
public record HandFrameMetrics(
    boolean present,
    Double vectorErrorMm,
    Double solverVectorErrorMm,
    Integer iterations,
    Boolean converged,
    Integer saturatedJoints,
    Integer velocityViolations,
    Double maxSpeedRadS,
    Double jerkRadS3,
    Boolean jump,
    Double jerkSquareSum) {

  static HandFrameMetrics absent() {
    return new HandFrameMetrics(false, null, null, null, null, null, null, null, null, null, null);
  }
}
