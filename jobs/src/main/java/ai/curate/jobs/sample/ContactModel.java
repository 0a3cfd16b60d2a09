package ai.curate.jobs.sample;

import java.util.SplittableRandom;

/**
 * Wrist force/torque and palm tactile pressure, driven by each hand's contact with the task's object. Forces are
 * in the wrist frame (z towards the fingertips, x the palm normal): the held object's weight, the grip squeeze
 * along the palm normal, and the task's push/pull, plus arm-motion inertia and a per-sensor bias.
 */
final class ContactModel {
  private static final double G = 9.81;
  private final NeoMotion motion;
  private final double[][] bias = new double[2][3];
  private final double[] tactileCentreRow = new double[2];
  private final double[] tactileCentreCol = new double[2];

  ContactModel(NeoMotion motion, long sessionSeed) {
    this.motion = motion;
    SplittableRandom rng = Seeds.random(sessionSeed, "contact", 0);
    for (int s = 0; s < 2; s++) {
      for (int k = 0; k < 3; k++) {
        bias[s][k] = 0.4 * (rng.nextDouble() - 0.5);
      }
      tactileCentreRow[s] = 2.5 + 2 * rng.nextDouble();
      tactileCentreCol[s] = 2.5 + 2 * rng.nextDouble();
    }
  }

  /** Force (N) into out[0..2] and torque (N m) into out[3..5], noise-free. */
  void wrench(Side side, double t, double[] out) {
    double c = motion.contact(side, t);
    Plans.Episode e = motion.episodeAt(t);
    double mass = e == null ? 0 : e.task().objectMassKg();
    double push = e == null ? 0 : e.task().pushForceN();
    double[] act = new double[2];
    motion.activity(t, act);
    double s = side.ordinal();
    double fx = c * (mass * G * 0.25 + 3.0 + push * 0.6) + 0.4 * act[0] * Math.sin(2 * Math.PI * 1.3 * t + s);
    double fy = c * (-mass * G * 0.15) + 0.3 * act[0] * Math.sin(2 * Math.PI * 0.9 * t + 2 * s);
    double fz = c * (-mass * G * 0.95 - push * 0.8) + 0.5 * act[0] * Math.sin(2 * Math.PI * 0.7 * t + 3 * s);
    out[0] = fx + bias[side.ordinal()][0];
    out[1] = fy + bias[side.ordinal()][1];
    out[2] = fz + bias[side.ordinal()][2];
    // Contact point ~9 cm out along the fingers, 1 cm off-centre: torque = r x F_contact.
    double rx = 0.0;
    double ry = 0.01;
    double rz = 0.09;
    double cx = c * (mass * G * 0.25 + 3.0 + push * 0.6);
    double cy = c * (-mass * G * 0.15);
    double cz = c * (-mass * G * 0.95 - push * 0.8);
    out[3] = ry * cz - rz * cy;
    out[4] = rz * cx - rx * cz;
    out[5] = rx * cy - ry * cx;
  }

  /** Pressure (kPa) on an 8 x 8 palm array: a blob under the object while in contact, zero otherwise. */
  void tactile(Side side, double t, double[] out) {
    double c = motion.contact(side, t);
    Plans.Episode e = motion.episodeAt(t);
    double load = e == null ? 0 : 20 + 25 * e.task().objectMassKg() + 1.5 * e.task().pushForceN();
    int si = side.ordinal();
    double cr = tactileCentreRow[si] + 0.6 * Math.sin(0.7 * t);
    double cc = tactileCentreCol[si] + 0.6 * Math.cos(0.5 * t);
    double sigma2 = 2 * 1.6 * 1.6;
    int side8 = 8;
    for (int r = 0; r < side8; r++) {
      for (int col = 0; col < side8; col++) {
        double dr = r - cr;
        double dc = col - cc;
        out[r * side8 + col] = c * load * Math.exp(-(dr * dr + dc * dc) / sigma2);
      }
    }
  }
}
