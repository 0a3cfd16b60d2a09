package ai.curate.retargeting.kinematics;

/**
 * Forward kinematics and analytic Jacobians over a {@link KinematicTree}. A workspace: it owns the
 * link poses of the last {@link #update} and reuses every buffer, so the solver's inner loop
 * allocates nothing. Not thread-safe; create one per thread (they are cheap).
 *
 * <p>All poses are first computed in the root frame; queries express them in any link's frame.
 */
public final class ForwardKinematics {
  private final KinematicTree tree;
  /** Root-frame rotation (row-major 3x3) and position of every link after the last update. */
  private final double[] rot;
  private final double[] pos;
  /** Root-frame unit axis of each link's parent joint (meaningful for moving joints only). */
  private final double[] worldAxis;
  private final double[] tmpRot = new double[9];
  private final double[] tmpVec = new double[3];
  private final double[] tmpVec2 = new double[3];

  public ForwardKinematics(KinematicTree tree) {
    this.tree = tree;
    int n = tree.linkCount();
    rot = new double[9 * n];
    pos = new double[3 * n];
    worldAxis = new double[3 * n];
    Rotations.fromRpy(0, 0, 0, rot, 0);
  }

  public KinematicTree tree() {
    return tree;
  }

  /** Recomputes every link pose for the joint vector {@code q} (canonical order, length {@code dof()}). */
  public void update(double[] q) {
    if (q.length != tree.dof()) {
      throw new IllegalArgumentException("joint vector has " + q.length + " values, robot '" + tree.model().name()
          + "' has " + tree.dof() + " actuated joints");
    }
    int n = tree.linkCount();
    for (int i = 1; i < n; i++) {
      updateLink(i, q);
    }
  }

  /**
   * Recomputes only the given links, which must be sorted ascending and closed under ancestors
   * (see {@link KinematicTree#linksNeededFor}); poses of other links are left stale.
   */
  public void update(double[] q, int[] links) {
    for (int i : links) {
      if (i > 0) {
        updateLink(i, q);
      }
    }
  }

  private void updateLink(int i, double[] q) {
    int p = tree.parent[i];
    int r9 = 9 * i;
    int r3 = 3 * i;
    // origin: T_parent * T_origin
    Rotations.mul(rot, 9 * p, tree.originRot, r9, rot, r9);
    Rotations.apply(rot, 9 * p, tree.originPos, r3, tmpVec, 0);
    pos[r3] = pos[3 * p] + tmpVec[0];
    pos[r3 + 1] = pos[3 * p + 1] + tmpVec[1];
    pos[r3 + 2] = pos[3 * p + 2] + tmpVec[2];
    int kind = tree.kind[i];
    if (kind == KinematicTree.FIXED) {
      return;
    }
    double ax = tree.axis[r3], ay = tree.axis[r3 + 1], az = tree.axis[r3 + 2];
    // the joint axis in the root frame is the same before and after the joint's own motion
    Rotations.apply(rot, r9, tree.axis, r3, worldAxis, r3);
    double v = tree.scale[i] * q[tree.coordinate[i]] + tree.offset[i];
    if (kind == KinematicTree.REVOLUTE) {
      Rotations.fromAxisAngle(ax, ay, az, v, tmpRot, 0);
      mulInPlaceRight(r9);
    } else {
      pos[r3] += worldAxis[r3] * v;
      pos[r3 + 1] += worldAxis[r3 + 1] * v;
      pos[r3 + 2] += worldAxis[r3 + 2] * v;
    }
  }

  /** rot[o..] = rot[o..] * tmpRot, using a row buffer so no allocation is needed. */
  private void mulInPlaceRight(int o) {
    for (int r = 0; r < 3; r++) {
      double a0 = rot[o + 3 * r], a1 = rot[o + 3 * r + 1], a2 = rot[o + 3 * r + 2];
      rot[o + 3 * r] = a0 * tmpRot[0] + a1 * tmpRot[3] + a2 * tmpRot[6];
      rot[o + 3 * r + 1] = a0 * tmpRot[1] + a1 * tmpRot[4] + a2 * tmpRot[7];
      rot[o + 3 * r + 2] = a0 * tmpRot[2] + a1 * tmpRot[5] + a2 * tmpRot[8];
    }
  }

  /** Position of link {@code tip} in the frame of link {@code base}, into out[o..o+2]. */
  public void position(int tip, int base, double[] out, int o) {
    tmpVec2[0] = pos[3 * tip] - pos[3 * base];
    tmpVec2[1] = pos[3 * tip + 1] - pos[3 * base + 1];
    tmpVec2[2] = pos[3 * tip + 2] - pos[3 * base + 2];
    Rotations.applyTranspose(rot, 9 * base, tmpVec2, 0, out, o);
  }

  /**
   * The vector from link {@code from} to link {@code to}, expressed in the frame of link {@code frame}.
   */
  public void relativePosition(int from, int to, int frame, double[] out, int o) {
    tmpVec2[0] = pos[3 * to] - pos[3 * from];
    tmpVec2[1] = pos[3 * to + 1] - pos[3 * from + 1];
    tmpVec2[2] = pos[3 * to + 2] - pos[3 * from + 2];
    Rotations.applyTranspose(rot, 9 * frame, tmpVec2, 0, out, o);
  }

  /** Rotation (row-major 3x3) of link {@code tip} in the frame of link {@code base}, into out[o..o+8]. */
  public void rotation(int tip, int base, double[] out, int o) {
    Rotations.mulTransposeLeft(rot, 9 * base, rot, 9 * tip, out, o);
  }

  /**
   * Jacobian of {@link #relativePosition}(from, to, frame) with respect to the selected joint
   * coordinates: a 3 x {@code columns.size()} row-major block at out[o..]. Mimic joints add their
   * scaled motion to their source's column; joints that are not selected are held still.
   */
  public void relativePositionJacobian(int from, int to, int frame, JointSelection columns, double[] out, int o) {
    int nc = columns.size();
    java.util.Arrays.fill(out, o, o + 3 * nc, 0.0);
    double dx = pos[3 * to] - pos[3 * from];
    double dy = pos[3 * to + 1] - pos[3 * from + 1];
    double dz = pos[3 * to + 2] - pos[3 * from + 2];
    addPointColumns(to, pos[3 * to], pos[3 * to + 1], pos[3 * to + 2], 1.0, columns, out, o);
    addPointColumns(from, pos[3 * from], pos[3 * from + 1], pos[3 * from + 2], -1.0, columns, out, o);
    // The frame turning by w changes the coordinates of a fixed world vector d by -(w x d).
    for (int k : tree.movingAncestors[frame]) {
      int c = rotatingColumn(k, columns);
      if (c < 0) {
        continue;
      }
      double s = tree.scale[k];
      double wx = worldAxis[3 * k], wy = worldAxis[3 * k + 1], wz = worldAxis[3 * k + 2];
      out[o + c] -= s * (wy * dz - wz * dy);
      out[o + nc + c] -= s * (wz * dx - wx * dz);
      out[o + 2 * nc + c] -= s * (wx * dy - wy * dx);
    }
    rotateColumnsIntoFrame(frame, nc, out, o);
  }

  /**
   * The 6 x {@code columns.size()} Jacobian of the pose of {@code tip} relative to {@code base},
   * expressed in the base frame: rows 0-2 linear velocity of the tip origin, rows 3-5 angular velocity.
   */
  public void poseJacobian(int tip, int base, JointSelection columns, double[] out, int o) {
    int nc = columns.size();
    relativePositionJacobian(base, tip, base, columns, out, o);
    int a = o + 3 * nc;
    java.util.Arrays.fill(out, a, a + 3 * nc, 0.0);
    addAngularColumns(tip, 1.0, columns, out, a);
    addAngularColumns(base, -1.0, columns, out, a);
    rotateColumnsIntoFrame(base, nc, out, a);
  }

  private void addPointColumns(int link, double px, double py, double pz, double sign, JointSelection columns,
      double[] out, int o) {
    int nc = columns.size();
    for (int k : tree.movingAncestors[link]) {
      int c = columns.columnOf(tree.coordinate[k]);
      if (c < 0) {
        continue;
      }
      double s = sign * tree.scale[k];
      double wx = worldAxis[3 * k], wy = worldAxis[3 * k + 1], wz = worldAxis[3 * k + 2];
      if (tree.kind[k] == KinematicTree.REVOLUTE) {
        double rx = px - pos[3 * k], ry = py - pos[3 * k + 1], rz = pz - pos[3 * k + 2];
        out[o + c] += s * (wy * rz - wz * ry);
        out[o + nc + c] += s * (wz * rx - wx * rz);
        out[o + 2 * nc + c] += s * (wx * ry - wy * rx);
      } else {
        out[o + c] += s * wx;
        out[o + nc + c] += s * wy;
        out[o + 2 * nc + c] += s * wz;
      }
    }
  }

  /**
   * The column of ancestor joint {@code k} if it is revolute and one of {@code columns}, else -1: only a revolute
   * joint turns the frames below it.
   */
  private int rotatingColumn(int k, JointSelection columns) {
    return tree.kind[k] == KinematicTree.REVOLUTE ? columns.columnOf(tree.coordinate[k]) : -1;
  }

  private void addAngularColumns(int link, double sign, JointSelection columns, double[] out, int o) {
    int nc = columns.size();
    for (int k : tree.movingAncestors[link]) {
      int c = rotatingColumn(k, columns);
      if (c < 0) {
        continue;
      }
      double s = sign * tree.scale[k];
      out[o + c] += s * worldAxis[3 * k];
      out[o + nc + c] += s * worldAxis[3 * k + 1];
      out[o + 2 * nc + c] += s * worldAxis[3 * k + 2];
    }
  }

  private void rotateColumnsIntoFrame(int frame, int nc, double[] out, int o) {
    int f = 9 * frame;
    for (int c = 0; c < nc; c++) {
      double x = out[o + c], y = out[o + nc + c], z = out[o + 2 * nc + c];
      out[o + c] = rot[f] * x + rot[f + 3] * y + rot[f + 6] * z;
      out[o + nc + c] = rot[f + 1] * x + rot[f + 4] * y + rot[f + 7] * z;
      out[o + 2 * nc + c] = rot[f + 2] * x + rot[f + 5] * y + rot[f + 8] * z;
    }
  }

  /** Convenience (allocating) pose query for tools and tests. */
  public Pose pose(String tip, String base) {
    int t = tree.linkIndex(tip);
    int b = tree.linkIndex(base);
    double[] p = new double[3];
    double[] r = new double[9];
    position(t, b, p, 0);
    rotation(t, b, r, 0);
    return new Pose(p, r);
  }
}
