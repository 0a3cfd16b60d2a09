package ai.curate.retargeting.kinematics;

/**
 * In-place Cholesky factorisation and solve of a small symmetric positive-definite system stored
 * row-major in a caller-owned array. Allocation-free, for solver inner loops with a handful to a
 * few dozen unknowns.
 */
public final class Cholesky {
  private Cholesky() {}

  /**
   * Solves A x = b for the leading n x n block of {@code a} (row stride {@code stride}); {@code a}
   * is overwritten by its factor and {@code b} by the solution.
   *
   * @return false when A is not positive definite (the caller should add damping and retry)
   */
  public static boolean solveInPlace(double[] a, int n, int stride, double[] b) {
    for (int j = 0; j < n; j++) {
      double d = a[j * stride + j];
      for (int k = 0; k < j; k++) {
        double l = a[j * stride + k];
        d -= l * l;
      }
      if (!(d > 0)) {
        return false;
      }
      d = Math.sqrt(d);
      a[j * stride + j] = d;
      for (int i = j + 1; i < n; i++) {
        double s = a[i * stride + j];
        for (int k = 0; k < j; k++) {
          s -= a[i * stride + k] * a[j * stride + k];
        }
        a[i * stride + j] = s / d;
      }
    }
    for (int i = 0; i < n; i++) {
      double s = b[i];
      for (int k = 0; k < i; k++) {
        s -= a[i * stride + k] * b[k];
      }
      b[i] = s / a[i * stride + i];
    }
    for (int i = n - 1; i >= 0; i--) {
      double s = b[i];
      for (int k = i + 1; k < n; k++) {
        s -= a[k * stride + i] * b[k];
      }
      b[i] = s / a[i * stride + i];
    }
    return true;
  }
}
