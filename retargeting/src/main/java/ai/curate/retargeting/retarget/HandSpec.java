package ai.curate.retargeting.retarget;

import java.util.List;

/**
 * How one human hand maps onto one robot hand: the YAML of a robot retargeting config (single-hand
 * form at the top level, or one entry under {@code hands:}). See docs/retargeting.md.
 *
 * @param side which hand of the pose track to read: "right" or "left"
 * @param joints joints to solve; default: every actuated joint that moves a task link relative to its origin link
 * @param frameLink frame the vectors are compared in; default: the first origin link
 * @param humanFrameRotation 3x3 rotation applied to human vectors before comparison; default identity
 * @param minConfidence frames whose used keypoints have a lower mean confidence count as "hand absent"
 */
public record HandSpec(
    String side,
    List<String> joints,
    String frameLink,
    List<String> originLinks,
    List<String> taskLinks,
    List<Integer> humanOriginIndices,
    List<Integer> humanTaskIndices,
    Double scalingFactor,
    List<Double> vectorWeights,
    List<List<Double>> humanFrameRotation,
    Double minConfidence,
    SolverSettings solver,
    PinchSettings pinch,
    List<Coupling> couplings,
    SmoothingSettings smoothing,
    MetricsSettings metrics) {

  public HandSpec {
    side = side == null ? "right" : side;
    minConfidence = minConfidence == null ? 0.3 : minConfidence;
    solver = solver == null ? SolverSettings.defaults() : solver;
    pinch = pinch == null ? new PinchSettings(null, null, null) : pinch;
    couplings = couplings == null ? List.of() : List.copyOf(couplings);
    smoothing = smoothing == null ? SmoothingSettings.defaults() : smoothing;
    metrics = metrics == null ? MetricsSettings.defaults() : metrics;
  }

  public HandSpec withSide(String newSide) {
    return new HandSpec(newSide, joints, frameLink, originLinks, taskLinks, humanOriginIndices, humanTaskIndices,
        scalingFactor, vectorWeights, humanFrameRotation, minConfidence, solver, pinch, couplings, smoothing, metrics);
  }
}
