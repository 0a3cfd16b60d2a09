package ai.curate.jobs.sample;

/** Smooth ramps with analytic derivatives, so generated velocities are the true derivative of positions. */
final class Smooth {
  private Smooth() {}

  /** 0 before 0, 1 after 1, C1-continuous cubic in between. */
  static double step(double x) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    return x * x * (3 - 2 * x);
  }

  /** d step / dx. */
  static double stepSlope(double x) {
    if (x <= 0 || x >= 1) {
      return 0;
    }
    return 6 * x * (1 - x);
  }

  /**
   * A plateau: rises over [start, start + ramp], holds, falls over [end - ramp, end]. Returns {value, d/dt}.
   */
  static void window(double t, double start, double end, double ramp, double[] out) {
    double up = step((t - start) / ramp);
    double upSlope = stepSlope((t - start) / ramp) / ramp;
    double down = 1 - step((t - (end - ramp)) / ramp);
    double downSlope = -stepSlope((t - (end - ramp)) / ramp) / ramp;
    out[0] = up * down;
    out[1] = upSlope * down + up * downSlope;
  }
}
