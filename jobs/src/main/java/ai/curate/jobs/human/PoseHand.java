package ai.curate.jobs.human;

import java.io.Serializable;

/**
 * One hand of one pose line: 21 keypoints in MediaPipe/MANO order, metres.
 *
 * @param side {@code left} or {@code right}
 * @param keypoints 21 rows of x, y, z
 * @param confidence 21 values, or null when the estimator gives none
 */
public record PoseHand(String side, float[][] keypoints, float[] confidence) implements Serializable {
  public static final int KEYPOINTS = 21;
}
