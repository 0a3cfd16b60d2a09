package ai.curate.retargeting.retarget;

import java.util.List;

/**
 * Keeps robot fingertips together while the human pinches: when the human keypoints of a pair are
 * closer than {@code thresholdM}, a term pulls the robot links of the pair onto the human
 * (unscaled) tip-to-tip vector, so a pinch stays a pinch whatever the scaling factor.
 */
public record PinchSettings(List<PinchPair> pairs, Double thresholdM, Double weight) {
  public PinchSettings {
    pairs = pairs == null ? List.of() : List.copyOf(pairs);
    thresholdM = thresholdM == null ? 0.02 : thresholdM;
    weight = weight == null ? 1.0 : weight;
  }

  /** @param robotLinks two robot links; @param humanIndices the two matching human keypoint indices */
  public record PinchPair(List<String> robotLinks, List<Integer> humanIndices) {}
}
