package ai.curate.retargeting.arm;

import ai.curate.retargeting.kinematics.Cholesky;
import ai.curate.retargeting.kinematics.ForwardKinematics;
import ai.curate.retargeting.kinematics.JointSelection;
import ai.curate.retargeting.kinematics.KinematicTree;
import ai.curate.retargeting.urdf.Joint;
import java.util.List;

/**
 * Damped-least-squares inverse kinematics for an arm: moves the joints between a base link and a
 * tip link (e.g. {@code torso} to {@code right_wrist}) so that the tip reaches a pose given in the
 * base frame. Each iteration solves {@code (J W J^T + lambda^2 I) y = e}, steps {@code W J^T y}
 * and clamps to the joint limits; the damping keeps steps bounded near singularities and for
 * unreachable targets, where the arm ends as close as its limits allow.
 *
 * <p>Orientation error counts {@code orientationWeight} metres per radian. Not thread-safe; one
 * instance per thread. {@link #solve} allocates nothing.
 */
public final class ArmIk {
  private final KinematicTree tree;
  private final ForwardKinematics fk;
  private final JointSelection joints;
  private final int base;
  private final int tip;
  private final int n;
  private final double[] lower;
  private final double[] upper;
  private final int[] links;
  private final double orientationWeight;
  private final double damping;
  private final int maxIterations;
  private final double positionTolerance;
  private final double orientationTolerance;
  private final double maxStep;
  // buffers
  private final double[] jac;
  private final double[] err = new double[6];
  private final double[] a = new double[36];
  private final double[] y = new double[6];
  private final double[] pos = new double[3];
  private final double[] rot = new double[9];
  private final double[] step;
  private double lastPositionError;
  private double lastOrientationError;
  private int lastIterations;

  /**
   * @param jointNames the arm joints to move; null for every actuated joint between base and tip
   * @param orientationWeight metres of position error one radian of orientation error is worth (e.g. 0.2)
   */
  public ArmIk(KinematicTree tree, String baseLink, String tipLink, List<String> jointNames, double orientationWeight) {
    this.tree = tree;
    this.fk = new ForwardKinematics(tree);
    this.base = tree.linkIndex(baseLink);
    this.tip = tree.linkIndex(tipLink);
    List<String> names = jointNames != null ? jointNames : tree.coordinatesBetween(base, tip);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("no actuated joint moves '" + tipLink + "' relative to '" + baseLink + "'");
    }
    this.joints = new JointSelection(tree, names);
    this.n = names.size();
    this.lower = new double[n];
    this.upper = new double[n];
    for (int c = 0; c < n; c++) {
      Joint j = tree.model().joint(names.get(c));
      lower[c] = j.lower();
      upper[c] = j.upper();
    }
    this.links = tree.linksNeededFor(base, tip);
    this.orientationWeight = orientationWeight;
    this.damping = 0.02;
    this.maxIterations = 100;
    this.positionTolerance = 1e-4;
    this.orientationTolerance = 1e-3;
    this.maxStep = 0.3;
    this.jac = new double[6 * n];
    this.step = new double[n];
  }

  public List<String> joints() {
    return joints.names();
  }

  /**
   * Moves the arm joints of {@code q} (a full joint vector in canonical order, also the start) so
   * the tip reaches {@code targetPosition} / {@code targetRotation} (row-major 3x3) in the base frame.
   * Joints outside the arm keep their values.
   *
   * @return true when both position and orientation are within tolerance (0.1 mm, 1 mrad)
   */
  public boolean solve(double[] targetPosition, double[] targetRotation, double[] q) {
    for (int c = 0; c < n; c++) {
      int k = joints.coordinate(c);
      q[k] = Math.max(lower[c], Math.min(upper[c], q[k]));
    }
    int it = 0;
    boolean done = false;
    while (true) {
      fk.update(q, links);
      computeError(targetPosition, targetRotation);
      done = lastPositionError < positionTolerance && lastOrientationError < orientationTolerance;
      if (done || it == maxIterations) {
        break;
      }
      it++;
      fk.poseJacobian(tip, base, joints, jac, 0);
      for (int i = 3 * n; i < 6 * n; i++) {
        jac[i] *= orientationWeight;
      }
      // A = J J^T + lambda^2 I (6 x 6)
      for (int r = 0; r < 6; r++) {
        for (int c = r; c < 6; c++) {
          double s = 0;
          for (int k = 0; k < n; k++) {
            s += jac[r * n + k] * jac[c * n + k];
          }
          a[r * 6 + c] = s;
          a[c * 6 + r] = s;
        }
        a[r * 6 + r] += damping * damping;
        y[r] = err[r];
      }
      if (!Cholesky.solveInPlace(a, 6, 6, y)) {
        break;
      }
      double largest = 0;
      for (int k = 0; k < n; k++) {
        double s = 0;
        for (int r = 0; r < 6; r++) {
          s += jac[r * n + k] * y[r];
        }
        step[k] = s;
        largest = Math.max(largest, Math.abs(s));
      }
      double scale = largest > maxStep ? maxStep / largest : 1;
      for (int c = 0; c < n; c++) {
        int k = joints.coordinate(c);
        q[k] = Math.max(lower[c], Math.min(upper[c], q[k] + scale * step[c]));
      }
    }
    lastIterations = it;
    return done;
  }

  /** Position error (m) of the last solve. */
  public double lastPositionError() {
    return lastPositionError;
  }

  /** Orientation error (rad) of the last solve. */
  public double lastOrientationError() {
    return lastOrientationError;
  }

  public int lastIterations() {
    return lastIterations;
  }

  /** err = [target - p ; w * rotation vector of (R_target R^T)], all in the base frame. */
  private void computeError(double[] tp, double[] tr) {
    fk.position(tip, base, pos, 0);
    fk.rotation(tip, base, rot, 0);
    err[0] = tp[0] - pos[0];
    err[1] = tp[1] - pos[1];
    err[2] = tp[2] - pos[2];
    lastPositionError = Math.sqrt(err[0] * err[0] + err[1] * err[1] + err[2] * err[2]);
    // E = R_target * R^T
    double[] e = a; // reuse as scratch before it is rebuilt
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 3; c++) {
        e[3 * r + c] = tr[3 * r] * rot[3 * c] + tr[3 * r + 1] * rot[3 * c + 1] + tr[3 * r + 2] * rot[3 * c + 2];
      }
    }
    double cos = Math.max(-1, Math.min(1, 0.5 * (e[0] + e[4] + e[8] - 1)));
    double angle = Math.acos(cos);
    double vx = e[7] - e[5], vy = e[2] - e[6], vz = e[3] - e[1];
    double sin2 = Math.sqrt(vx * vx + vy * vy + vz * vz);
    double f;
    if (sin2 > 1e-9) {
      f = angle / sin2;
    } else if (cos > 0) {
      f = 0.5;
    } else {
      // half a turn: the axis is the column of E + I with the largest norm
      int best = e[0] >= e[4] && e[0] >= e[8] ? 0 : (e[4] >= e[8] ? 1 : 2);
      double ax = e[best] + (best == 0 ? 1 : 0), ay = e[3 + best] + (best == 1 ? 1 : 0),
          az = e[6 + best] + (best == 2 ? 1 : 0);
      double nn = Math.sqrt(ax * ax + ay * ay + az * az);
      vx = ax / nn * angle;
      vy = ay / nn * angle;
      vz = az / nn * angle;
      f = 1;
    }
    err[3] = orientationWeight * f * vx;
    err[4] = orientationWeight * f * vy;
    err[5] = orientationWeight * f * vz;
    lastOrientationError = angle;
  }
}
