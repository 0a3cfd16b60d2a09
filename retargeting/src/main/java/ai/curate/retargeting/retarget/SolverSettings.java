package ai.curate.retargeting.retarget;

/**
 * Settings of the per-frame optimisation. The objective is the one of the vector retargeters in
 * the open literature (dex-retargeting's VectorOptimizer), so numbers carry over:
 * {@code mean_i huber_delta-SmoothL1(|robot_i(q) - s * human_i|) + temporal_weight * |q - q_prev|^2}.
 *
 * @param huberDelta metres below which a vector error is penalised quadratically (default 0.02)
 * @param temporalWeight weight of the squared step from the previous frame's solution, 1/rad^2 (default 0.004)
 * @param maxIterations Levenberg-Marquardt iterations per frame (default 50)
 * @param tolerance decrease of the objective (dex-retargeting's scale) below which a frame has converged (default 1e-6,
 *     like dex-retargeting's SLSQP {@code ftol_abs})
 * @param initialDamping starting Levenberg-Marquardt damping, relative to the Hessian diagonal (default 1e-3)
 */
public record SolverSettings(
    Double huberDelta, Double temporalWeight, Integer maxIterations, Double tolerance, Double initialDamping) {

  public SolverSettings {
    huberDelta = huberDelta == null ? 0.02 : huberDelta;
    temporalWeight = temporalWeight == null ? 0.004 : temporalWeight;
    maxIterations = maxIterations == null ? 50 : maxIterations;
    tolerance = tolerance == null ? 1e-6 : tolerance;
    initialDamping = initialDamping == null ? 1e-3 : initialDamping;
  }

  public static SolverSettings defaults() {
    return new SolverSettings(null, null, null, null, null);
  }
}
