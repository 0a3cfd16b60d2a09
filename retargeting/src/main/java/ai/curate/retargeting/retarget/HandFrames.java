package ai.curate.retargeting.retarget;

/**
 * Expresses camera-frame hand keypoints in a MANO-like wrist frame estimated from the hand itself:
 * origin at the wrist (0), z towards the middle-finger MCP (9), x the palm normal, and y across the
 * palm, towards the thumb for a right hand and away from it for a left hand (Neo's left_wrist is the
 * mirror image of its right_wrist; see docs/neo-robot-model.md). Translation and camera orientation
 * then no longer matter to the vector objective.
 */
public final class HandFrames {
  private HandFrames() {}

  private static final int WRIST = 0;
  private static final int INDEX_MCP = 5;
  private static final int MIDDLE_MCP = 9;
  private static final int PINKY_MCP = 17;

  /**
   * Writes the 21 keypoints of {@code in} (camera frame) into {@code out} in the wrist frame.
   *
   * @return false when the hand is degenerate (coincident points), leaving {@code out} untouched
   */
  public static boolean toWristFrame(double[] in, boolean rightHand, double[] out) {
    double[] rot = new double[9];
    if (!wristPose(in, rightHand, rot)) {
      return false;
    }
    double ox = in[3 * WRIST], oy = in[3 * WRIST + 1], oz = in[3 * WRIST + 2];
    for (int i = 0; i < 21; i++) {
      double px = in[3 * i] - ox, py = in[3 * i + 1] - oy, pz = in[3 * i + 2] - oz;
      // coordinates in the wrist frame: R^T (p - origin); the rows of R^T are the frame's axes
      out[3 * i] = rot[0] * px + rot[3] * py + rot[6] * pz;
      out[3 * i + 1] = rot[1] * px + rot[4] * py + rot[7] * pz;
      out[3 * i + 2] = rot[2] * px + rot[5] * py + rot[8] * pz;
    }
    return true;
  }

  /**
   * The orientation of the estimated wrist frame in the keypoints' frame: a row-major rotation whose
   * columns are the wrist's x, y, z axes. The frame's origin is keypoint 0. With camera-frame
   * keypoints and the camera's pose in the head, this gives the wrist pose arm IK needs.
   *
   * @return false when the hand is degenerate
   */
  public static boolean wristPose(double[] in, boolean rightHand, double[] rotationOut) {
    double zx = in[3 * MIDDLE_MCP] - in[0], zy = in[3 * MIDDLE_MCP + 1] - in[1], zz = in[3 * MIDDLE_MCP + 2] - in[2];
    double zn = Math.sqrt(zx * zx + zy * zy + zz * zz);
    double sign = rightHand ? 1 : -1;
    double yx = sign * (in[3 * INDEX_MCP] - in[3 * PINKY_MCP]);
    double yy = sign * (in[3 * INDEX_MCP + 1] - in[3 * PINKY_MCP + 1]);
    double yz = sign * (in[3 * INDEX_MCP + 2] - in[3 * PINKY_MCP + 2]);
    if (!(zn > 1e-9)) {
      return false;
    }
    zx /= zn;
    zy /= zn;
    zz /= zn;
    double d = yx * zx + yy * zy + yz * zz;
    yx -= d * zx;
    yy -= d * zy;
    yz -= d * zz;
    double yn = Math.sqrt(yx * yx + yy * yy + yz * yz);
    if (!(yn > 1e-9)) {
      return false;
    }
    yx /= yn;
    yy /= yn;
    yz /= yn;
    double xx = yy * zz - yz * zy, xy = yz * zx - yx * zz, xz = yx * zy - yy * zx;
    rotationOut[0] = xx;
    rotationOut[3] = xy;
    rotationOut[6] = xz;
    rotationOut[1] = yx;
    rotationOut[4] = yy;
    rotationOut[7] = yz;
    rotationOut[2] = zx;
    rotationOut[5] = zy;
    rotationOut[8] = zz;
    return true;
  }
}
