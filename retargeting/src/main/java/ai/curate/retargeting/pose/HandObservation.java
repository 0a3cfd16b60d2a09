package ai.curate.retargeting.pose;

import java.io.Serializable;

/**
 * One tracked hand in one video frame: 21 keypoints in MediaPipe/MANO order as x, y, z triples
 * (metres), and their confidences (null when the estimator gives none).
 */
public record HandObservation(String side, double[] keypoints, double[] confidence) implements Serializable {
  public static final int KEYPOINTS = 21;

  /** Mean confidence over the given keypoint indices; 1 when the estimator gave no confidences. */
  public double meanConfidence(int[] indices) {
    if (confidence == null || indices.length == 0) {
      return 1.0;
    }
    double s = 0;
    for (int i : indices) {
      s += confidence[i];
    }
    return s / indices.length;
  }
}
