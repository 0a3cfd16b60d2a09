package ai.curate.jobs.sample;

/**
 * A 21-keypoint human hand (MediaPipe/MANO order: 0 wrist; thumb 1-4; index 5-8; middle 9-12; ring 13-16;
 * pinky 17-20, fingertips at 4, 8, 12, 16, 20) with adult bone lengths, curled by a grasp level in [0, 1].
 *
 * <p>Local frame at the wrist: z towards the middle knuckle, x the palm normal (fingers curl towards +x), y towards
 * the thumb for a right hand; a left hand is the mirror image (y negated).
 */
final class HandModel {
  static final int KEYPOINTS = 21;
  static final int[] FINGERTIPS = {4, 8, 12, 16, 20};
  /** Bones to draw: each pair is a keypoint edge of the MediaPipe hand graph. */
  static final int[][] BONES = {
      {0, 1}, {1, 2}, {2, 3}, {3, 4}, {0, 5}, {5, 6}, {6, 7}, {7, 8}, {5, 9}, {9, 10}, {10, 11}, {11, 12},
      {9, 13}, {13, 14}, {14, 15}, {15, 16}, {13, 17}, {0, 17}, {17, 18}, {18, 19}, {19, 20}};

  // Knuckle (MCP) positions and phalanx lengths (m) of index, middle, ring, pinky.
  private static final double[][] MCP = {{0, 0.025, 0.085}, {0, 0.005, 0.090}, {0, -0.014, 0.085}, {0, -0.031, 0.076}};
  private static final double[][] PHALANX = {
      {0.043, 0.025, 0.021}, {0.047, 0.029, 0.023}, {0.043, 0.027, 0.022}, {0.034, 0.020, 0.019}};
  private static final double[] SPLAY = {0.12, 0.0, -0.10, -0.20};
  private static final double[] THUMB_BASE = {0.015, 0.025, 0.025};
  private static final double[] THUMB_LENGTHS = {0.040, 0.032, 0.027};
  private static final double[] THUMB_OPEN = normalize(0.35, 0.75, 0.55);
  private static final double[] THUMB_CLOSED = normalize(0.75, -0.40, 0.55);

  private HandModel() {}

  /** Keypoints in the hand's local frame for grasp level {@code g}; {@code out} is [21][3]. */
  static void local(Side side, double g, double[][] out) {
    double mirror = side == Side.LEFT ? -1 : 1;
    out[0][0] = 0;
    out[0][1] = 0;
    out[0][2] = 0;
    // Thumb: from the base towards the palm as the hand closes, distal bones curling more.
    double[] p = THUMB_BASE.clone();
    set(out[1], p, mirror);
    double[] f = {0.5 * g, 0.7 * g, 0.9 * g};
    for (int b = 0; b < 3; b++) {
      double[] d = normalize(
          THUMB_OPEN[0] * (1 - f[b]) + THUMB_CLOSED[0] * f[b],
          THUMB_OPEN[1] * (1 - f[b]) + THUMB_CLOSED[1] * f[b],
          THUMB_OPEN[2] * (1 - f[b]) + THUMB_CLOSED[2] * f[b]);
      for (int k = 0; k < 3; k++) {
        p[k] += THUMB_LENGTHS[b] * d[k];
      }
      set(out[2 + b], p, mirror);
    }
    // Fingers: flexion at MCP, PIP and DIP accumulates, splay closes as the hand closes.
    double[] flexOpen = {0.10, 0.15, 0.10};
    double[] flexClosed = {1.20, 1.50, 1.00};
    for (int finger = 0; finger < 4; finger++) {
      int base = 5 + 4 * finger;
      double[] q = MCP[finger].clone();
      set(out[base], q, mirror);
      double psi = SPLAY[finger] * (1 - 0.6 * g);
      double phi = 0;
      for (int b = 0; b < 3; b++) {
        phi += flexOpen[b] + g * (flexClosed[b] - flexOpen[b]);
        double dx = Math.sin(phi);
        double dy = Math.cos(phi) * Math.sin(psi);
        double dz = Math.cos(phi) * Math.cos(psi);
        q[0] += PHALANX[finger][b] * dx;
        q[1] += PHALANX[finger][b] * dy;
        q[2] += PHALANX[finger][b] * dz;
        set(out[base + 1 + b], q, mirror);
      }
    }
  }

  private static void set(double[] dst, double[] src, double mirror) {
    dst[0] = src[0];
    dst[1] = mirror * src[1];
    dst[2] = src[2];
  }

  static double[] normalize(double x, double y, double z) {
    double n = Math.sqrt(x * x + y * y + z * z);
    return new double[] {x / n, y / n, z / n};
  }
}
