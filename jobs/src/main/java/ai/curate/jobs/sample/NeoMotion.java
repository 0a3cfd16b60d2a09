package ai.curate.jobs.sample;

import ai.curate.retargeting.urdf.Joint;
import ai.curate.retargeting.urdf.RobotModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The noise-free physical state of Neo during a session, as a function of time (seconds since session start).
 *
 * <p>Body joints sway gently while idle and move more during episodes (a sum of slow sinusoids around a rest
 * pose, scaled by an activity level). Hand flexion joints follow each hand's grasp level, which rises and falls
 * with smooth ramps at the task's grasp times. Amplitudes are chosen from the URDF so positions stay inside
 * [lower, upper] and speeds below the velocity limit; velocities are exact derivatives of positions.
 */
final class NeoMotion {
  enum Role {
    ARM,
    HAND_FLEX,
    HAND_ABD,
    LEG,
    WAIST,
    NECK,
    OTHER
  }

  /** What the motion needs of one actuated joint: its role, its side and its URDF limits (stand-ins where missing). */
  record JointFacts(Role role, Side side, double lower, double upper, double velocityLimit, double effortLimit) {
    static JointFacts of(String name, Joint joint) {
      return new JointFacts(roleOf(name),
          name.startsWith("left_") ? Side.LEFT : name.startsWith("right_") ? Side.RIGHT : null,
          joint.hasPositionLimits() ? joint.lower() : -Math.PI,
          joint.hasPositionLimits() ? joint.upper() : Math.PI,
          Double.isFinite(joint.velocityLimit()) ? joint.velocityLimit() : 2.0,
          Double.isFinite(joint.effortLimit()) ? joint.effortLimit() : 10.0);
    }
  }

  private static final int HARMONICS = 3;
  private static final double IDLE_ACTIVITY = 0.15;

  private final List<String> names;
  private final JointFacts[] joints;
  private final double[] rest;
  private final double[] amplitude;
  private final double[][] freq;
  private final double[][] phase;
  private final double[][] weight;
  private final double[] gravityPhase;
  private final List<Plans.Episode> episodes;
  private final double[] episodeStarts;
  private final double[][] graspClose = new double[2][];
  private final double[][] graspOpen = new double[2][];
  private final double[][] graspRamp = new double[2][];

  NeoMotion(RobotModel model, Plans.Session session) {
    this.names = model.actuatedJointNames();
    int n = names.size();
    joints = new JointFacts[n];
    rest = new double[n];
    amplitude = new double[n];
    freq = new double[n][HARMONICS];
    phase = new double[n][HARMONICS];
    weight = new double[n][HARMONICS];
    gravityPhase = new double[n];
    SplittableRandom rng = Seeds.random(session.seed(), "motion", 0);
    for (int j = 0; j < n; j++) {
      JointFacts joint = JointFacts.of(names.get(j), model.joint(names.get(j)));
      joints[j] = joint;
      double range = joint.upper() - joint.lower();
      rest[j] = Math.max(joint.lower() + 0.2 * range, Math.min(joint.upper() - 0.2 * range, 0.0));
      double room = Math.min(rest[j] - joint.lower(), joint.upper() - rest[j]);
      double fMax = 0;
      double wSum = 0;
      for (int k = 0; k < HARMONICS; k++) {
        freq[j][k] = 0.05 + 0.2 * rng.nextDouble();
        phase[j][k] = 2 * Math.PI * rng.nextDouble();
        weight[j][k] = 0.3 + rng.nextDouble();
        wSum += weight[j][k];
        fMax = Math.max(fMax, freq[j][k]);
      }
      for (int k = 0; k < HARMONICS; k++) {
        weight[j][k] /= wSum;
      }
      double amp = 0.8 * room * roleScale(joint.role());
      // Worst-case speed: activity ramp slope (<= 1.5 / 1 s) plus the fastest harmonic.
      double speedPerUnitAmp = 1.5 + 2 * Math.PI * fMax;
      amplitude[j] = Math.min(amp, 0.7 * joint.velocityLimit() / speedPerUnitAmp);
      gravityPhase[j] = 2 * Math.PI * rng.nextDouble();
    }
    this.episodes = session.episodes();
    this.episodeStarts = episodes.stream().mapToDouble(Plans.Episode::startS).toArray();
    for (Side side : Side.values()) {
      List<double[]> windows = new ArrayList<>();
      for (Plans.Episode e : episodes) {
        for (TaskCatalog.Grasp g : e.task().grasps()) {
          if (g.side() == side) {
            double close = e.at(g.closeAt());
            double open = e.at(g.openAt());
            windows.add(new double[] {close, open, Math.min(0.5, (open - close) / 3)});
          }
        }
      }
      windows.sort((a, b) -> Double.compare(a[0], b[0]));
      graspClose[side.ordinal()] = windows.stream().mapToDouble(w -> w[0]).toArray();
      graspOpen[side.ordinal()] = windows.stream().mapToDouble(w -> w[1]).toArray();
      graspRamp[side.ordinal()] = windows.stream().mapToDouble(w -> w[2]).toArray();
    }
  }

  static Role roleOf(String name) {
    if (name.matches(".*_(thumb|index|middle|ring|pinky)_.*")) {
      return name.contains("_abd") ? Role.HAND_ABD : Role.HAND_FLEX;
    }
    if (name.matches(".*(shoulder|elbow|wrist).*")) {
      return Role.ARM;
    }
    if (name.matches(".*(hip|knee|ankle).*")) {
      return Role.LEG;
    }
    if (name.startsWith("waist")) {
      return Role.WAIST;
    }
    if (name.startsWith("neck")) {
      return Role.NECK;
    }
    return Role.OTHER;
  }

  private static double roleScale(Role role) {
    return switch (role) {
      case ARM -> 0.8;
      case NECK -> 0.5;
      case WAIST -> 0.25;
      case LEG -> 0.05;
      default -> 0.2;
    };
  }

  List<String> jointNames() {
    return names;
  }

  int jointCount() {
    return names.size();
  }

  int jointIndex(String name) {
    int i = names.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("joint " + name + " is not an actuated joint of the robot model");
    }
    return i;
  }

  /** Actuated joint {@code j}, in {@link #jointNames()} order. */
  JointFacts joint(int j) {
    return joints[j];
  }

  /** Positions and velocities of every actuated joint at time t. */
  void state(double t, double[] q, double[] dq) {
    double[] act = new double[2];
    activity(t, act);
    double[] gl = new double[2];
    double[] gr = new double[2];
    grasp(Side.LEFT, t, gl);
    grasp(Side.RIGHT, t, gr);
    for (int j = 0; j < q.length; j++) {
      JointFacts joint = joints[j];
      switch (joint.role()) {
        case HAND_FLEX -> {
          double[] g = joint.side() == Side.LEFT ? gl : gr;
          double range = joint.upper() - joint.lower();
          double w = 2 * Math.PI * freq[j][0];
          q[j] = joint.lower() + range * (0.12 + 0.72 * g[0] + 0.04 * Math.sin(w * t + phase[j][0]));
          dq[j] = range * (0.72 * g[1] + 0.04 * w * Math.cos(w * t + phase[j][0]));
        }
        case HAND_ABD -> {
          double half = (joint.upper() - joint.lower()) / 2;
          double mid = joint.lower() + half;
          double w = 2 * Math.PI * freq[j][0];
          q[j] = mid + 0.25 * half * Math.sin(w * t + phase[j][0]);
          dq[j] = 0.25 * half * w * Math.cos(w * t + phase[j][0]);
        }
        default -> {
          double s = 0;
          double ds = 0;
          for (int k = 0; k < HARMONICS; k++) {
            double w = 2 * Math.PI * freq[j][k];
            s += weight[j][k] * Math.sin(w * t + phase[j][k]);
            ds += weight[j][k] * w * Math.cos(w * t + phase[j][k]);
          }
          q[j] = rest[j] + act[0] * amplitude[j] * s;
          dq[j] = amplitude[j] * (act[1] * s + act[0] * ds);
        }
      }
    }
  }

  /** Where a body joint is within its motion envelope: (q - rest) / amplitude, in [-1, 1]; 0 for hand joints. */
  double deviation(int j, double q) {
    return amplitude[j] <= 0 || joints[j].role() == Role.HAND_FLEX || joints[j].role() == Role.HAND_ABD
        ? 0
        : (q - rest[j]) / amplitude[j];
  }

  /**
   * Joint torque without sensor noise: gravity-like load on body joints, damping, and grip torque on finger
   * flexors while the hand is in contact. Kept within the effort limit.
   */
  double effort(int j, double q, double dq, double contactLeft, double contactRight) {
    JointFacts joint = joints[j];
    double e = joint.effortLimit();
    double tau = switch (joint.role()) {
      case HAND_FLEX -> e * (0.05 + 0.55 * (joint.side() == Side.LEFT ? contactLeft : contactRight));
      case HAND_ABD -> 0.05 * e * Math.sin(q + gravityPhase[j]);
      case ARM -> 0.25 * e * Math.sin(q + gravityPhase[j])
          + 0.12 * e * (joint.side() == Side.LEFT ? contactLeft : contactRight);
      case LEG -> 0.3 * e * (0.8 + 0.2 * Math.sin(q + gravityPhase[j]));
      default -> 0.1 * e * Math.sin(q + gravityPhase[j]);
    };
    tau += 0.03 * e * dq / joint.velocityLimit();
    return Math.max(-0.95 * e, Math.min(0.95 * e, tau));
  }

  /** Episode activity level and its time derivative: idle sway between episodes, full motion inside. */
  void activity(double t, double[] out) {
    Plans.Episode e = episodeAt(t);
    if (e == null) {
      out[0] = IDLE_ACTIVITY;
      out[1] = 0;
      return;
    }
    Smooth.window(t, e.startS(), e.endS(), Math.min(1.0, e.duration() / 4), out);
    out[0] = IDLE_ACTIVITY + (1 - IDLE_ACTIVITY) * out[0];
    out[1] = (1 - IDLE_ACTIVITY) * out[1];
  }

  /** How closed a hand is (0 open, 1 closed) and its time derivative. */
  void grasp(Side side, double t, double[] out) {
    double[] close = graspClose[side.ordinal()];
    int i = lastAtOrBefore(close, t);
    if (i < 0 || t > graspOpen[side.ordinal()][i]) {
      out[0] = 0;
      out[1] = 0;
      return;
    }
    Smooth.window(t, close[i], graspOpen[side.ordinal()][i], graspRamp[side.ordinal()][i], out);
  }

  double grasp(Side side, double t) {
    double[] g = new double[2];
    grasp(side, t, g);
    return g[0];
  }

  /** Contact with the held object: only once the hand is mostly closed. */
  double contact(Side side, double t) {
    return Smooth.step((grasp(side, t) - 0.55) / 0.35);
  }

  /** The episode running at t, or null between episodes. */
  Plans.Episode episodeAt(double t) {
    int i = lastAtOrBefore(episodeStarts, t);
    if (i < 0) {
      return null;
    }
    Plans.Episode e = episodes.get(i);
    return t <= e.endS() ? e : null;
  }

  private static int lastAtOrBefore(double[] sorted, double t) {
    int lo = 0;
    int hi = sorted.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= t) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
