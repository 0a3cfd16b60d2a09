package ai.curate.retargeting.kinematics;

/**
 * 3x3 rotation helpers on row-major {@code double[9]} slices, written to be used from the
 * kinematics hot loop: every method writes into caller-owned arrays at an offset and allocates nothing.
 */
public final class Rotations {
  private Rotations() {}

  /** URDF fixed-axis roll-pitch-yaw: R = Rz(yaw) * Ry(pitch) * Rx(roll). */
  public static void fromRpy(double roll, double pitch, double yaw, double[] out, int o) {
    double cr = Math.cos(roll), sr = Math.sin(roll);
    double cp = Math.cos(pitch), sp = Math.sin(pitch);
    double cy = Math.cos(yaw), sy = Math.sin(yaw);
    out[o] = cy * cp;
    out[o + 1] = cy * sp * sr - sy * cr;
    out[o + 2] = cy * sp * cr + sy * sr;
    out[o + 3] = sy * cp;
    out[o + 4] = sy * sp * sr + cy * cr;
    out[o + 5] = sy * sp * cr - cy * sr;
    out[o + 6] = -sp;
    out[o + 7] = cp * sr;
    out[o + 8] = cp * cr;
  }

  /** Rotation by {@code angle} about the unit axis (ax, ay, az) (Rodrigues). */
  public static void fromAxisAngle(double ax, double ay, double az, double angle, double[] out, int o) {
    double c = Math.cos(angle), s = Math.sin(angle), t = 1 - c;
    out[o] = t * ax * ax + c;
    out[o + 1] = t * ax * ay - s * az;
    out[o + 2] = t * ax * az + s * ay;
    out[o + 3] = t * ax * ay + s * az;
    out[o + 4] = t * ay * ay + c;
    out[o + 5] = t * ay * az - s * ax;
    out[o + 6] = t * ax * az - s * ay;
    out[o + 7] = t * ay * az + s * ax;
    out[o + 8] = t * az * az + c;
  }

  /** out = a * b. {@code out} must not alias a or b. */
  public static void mul(double[] a, int ao, double[] b, int bo, double[] out, int o) {
    for (int r = 0; r < 3; r++) {
      double a0 = a[ao + 3 * r], a1 = a[ao + 3 * r + 1], a2 = a[ao + 3 * r + 2];
      out[o + 3 * r] = a0 * b[bo] + a1 * b[bo + 3] + a2 * b[bo + 6];
      out[o + 3 * r + 1] = a0 * b[bo + 1] + a1 * b[bo + 4] + a2 * b[bo + 7];
      out[o + 3 * r + 2] = a0 * b[bo + 2] + a1 * b[bo + 5] + a2 * b[bo + 8];
    }
  }

  /** out = a^T * b. {@code out} must not alias a or b. */
  public static void mulTransposeLeft(double[] a, int ao, double[] b, int bo, double[] out, int o) {
    for (int r = 0; r < 3; r++) {
      double a0 = a[ao + r], a1 = a[ao + 3 + r], a2 = a[ao + 6 + r];
      out[o + 3 * r] = a0 * b[bo] + a1 * b[bo + 3] + a2 * b[bo + 6];
      out[o + 3 * r + 1] = a0 * b[bo + 1] + a1 * b[bo + 4] + a2 * b[bo + 7];
      out[o + 3 * r + 2] = a0 * b[bo + 2] + a1 * b[bo + 5] + a2 * b[bo + 8];
    }
  }

  /** out = R * v. {@code out} must not alias v. */
  public static void apply(double[] r, int ro, double[] v, int vo, double[] out, int o) {
    double x = v[vo], y = v[vo + 1], z = v[vo + 2];
    out[o] = r[ro] * x + r[ro + 1] * y + r[ro + 2] * z;
    out[o + 1] = r[ro + 3] * x + r[ro + 4] * y + r[ro + 5] * z;
    out[o + 2] = r[ro + 6] * x + r[ro + 7] * y + r[ro + 8] * z;
  }

  /** out = R^T * v. Safe when out aliases v. */
  public static void applyTranspose(double[] r, int ro, double[] v, int vo, double[] out, int o) {
    double x = v[vo], y = v[vo + 1], z = v[vo + 2];
    out[o] = r[ro] * x + r[ro + 3] * y + r[ro + 6] * z;
    out[o + 1] = r[ro + 1] * x + r[ro + 4] * y + r[ro + 7] * z;
    out[o + 2] = r[ro + 2] * x + r[ro + 5] * y + r[ro + 8] * z;
  }
}
