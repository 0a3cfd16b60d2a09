package ai.curate.retargeting.arm;

import ai.curate.retargeting.retarget.HandFrames;

/**
 * The wrist pose an arm should reach, from camera-frame hand keypoints and the camera's pose in the
 * head ({@code clip.json}'s {@code T_head_camera}, 16 numbers, row-major 4x4): the wrist frame
 * estimated by {@link HandFrames} (origin keypoint 0), carried into the head frame.
 */
public final class WristTargets {
  private WristTargets() {}

  /**
   * @param positionOut wrist position in the head frame (3)
   * @param rotationOut wrist orientation in the head frame (row-major 3x3)
   * @return false when the hand is degenerate
   */
  public static boolean inHead(double[] cameraKeypoints, boolean rightHand, double[] headFromCamera,
      double[] positionOut, double[] rotationOut) {
    if (headFromCamera.length != 16) {
      throw new IllegalArgumentException(
          "T_head_camera must have 16 numbers (row-major 4x4), got " + headFromCamera.length);
    }
    double[] wrist = new double[9];
    if (!HandFrames.wristPose(cameraKeypoints, rightHand, wrist)) {
      return false;
    }
    for (int r = 0; r < 3; r++) {
      positionOut[r] = headFromCamera[4 * r + 3];
      for (int k = 0; k < 3; k++) {
        positionOut[r] += headFromCamera[4 * r + k] * cameraKeypoints[k];
      }
      for (int c = 0; c < 3; c++) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
          s += headFromCamera[4 * r + k] * wrist[3 * k + c];
        }
        rotationOut[3 * r + c] = s;
      }
    }
    return true;
  }
}
