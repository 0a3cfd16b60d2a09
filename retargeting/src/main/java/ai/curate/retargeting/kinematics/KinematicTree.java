package ai.curate.retargeting.kinematics;

import ai.curate.retargeting.urdf.Joint;
import ai.curate.retargeting.urdf.Mimic;
import ai.curate.retargeting.urdf.RobotModel;
import ai.curate.retargeting.urdf.UrdfException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link RobotModel} compiled into flat arrays for kinematics. Links are numbered in
 * topological order (a parent before its children, the root is 0), so forward kinematics is one
 * forward pass. Joint coordinates are the model's actuated joints in canonical order; a mimic joint
 * reads {@code scale * q[source] + offset} with chains of mimics already composed.
 * Immutable and thread-safe; each thread uses its own {@link ForwardKinematics} workspace.
 */
public final class KinematicTree {
  static final int FIXED = 0;
  static final int REVOLUTE = 1;
  static final int PRISMATIC = 2;

  private final RobotModel model;
  private final String[] linkNames;
  private final Map<String, Integer> linkIndex = new HashMap<>();
  private final Map<String, Integer> coordinateIndex = new HashMap<>();
  private final List<String> coordinateNames;
  // Per link, about the joint whose child it is (unused for the root).
  final int[] parent;
  final int[] kind;
  final double[] originRot;
  final double[] originPos;
  final double[] axis;
  final int[] coordinate;
  final double[] scale;
  final double[] offset;
  final String[] parentJointName;
  /** Per link: the links on the path from the root (inclusive of itself) whose parent joint moves. */
  final int[][] movingAncestors;

  public KinematicTree(RobotModel model) {
    this.model = model;
    this.coordinateNames = model.actuatedJointNames();
    for (int i = 0; i < coordinateNames.size(); i++) {
      coordinateIndex.put(coordinateNames.get(i), i);
    }
    List<String> order = new ArrayList<>();
    Deque<String> stack = new ArrayDeque<>();
    stack.push(model.rootLink());
    while (!stack.isEmpty()) {
      String l = stack.pop();
      order.add(l);
      List<Joint> kids = model.childJoints(l);
      for (int i = kids.size() - 1; i >= 0; i--) {
        stack.push(kids.get(i).child());
      }
    }
    int n = order.size();
    linkNames = order.toArray(new String[0]);
    for (int i = 0; i < n; i++) {
      linkIndex.put(linkNames[i], i);
    }
    parent = new int[n];
    kind = new int[n];
    originRot = new double[9 * n];
    originPos = new double[3 * n];
    axis = new double[3 * n];
    coordinate = new int[n];
    scale = new double[n];
    offset = new double[n];
    parentJointName = new String[n];
    movingAncestors = new int[n][];
    parent[0] = -1;
    coordinate[0] = -1;
    Rotations.fromRpy(0, 0, 0, originRot, 0);
    movingAncestors[0] = new int[0];
    for (int i = 1; i < n; i++) {
      Joint j = model.parentJoint(linkNames[i]).orElseThrow();
      parentJointName[i] = j.name();
      parent[i] = linkIndex.get(j.parent());
      kind[i] = switch (j.type()) {
        case REVOLUTE, CONTINUOUS -> REVOLUTE;
        case PRISMATIC -> PRISMATIC;
        // A floating joint's pose is external to the model; kinematics holds it at identity.
        case FIXED, FLOATING -> FIXED;
      };
      Rotations.fromRpy(j.originRpy().x(), j.originRpy().y(), j.originRpy().z(), originRot, 9 * i);
      originPos[3 * i] = j.originXyz().x();
      originPos[3 * i + 1] = j.originXyz().y();
      originPos[3 * i + 2] = j.originXyz().z();
      axis[3 * i] = j.axis().x();
      axis[3 * i + 1] = j.axis().y();
      axis[3 * i + 2] = j.axis().z();
      coordinate[i] = -1;
      scale[i] = 1;
      if (kind[i] != FIXED) {
        resolveCoordinate(j, i);
      }
      int[] up = movingAncestors[parent[i]];
      if (kind[i] == FIXED) {
        movingAncestors[i] = up;
      } else {
        int[] mine = java.util.Arrays.copyOf(up, up.length + 1);
        mine[up.length] = i;
        movingAncestors[i] = mine;
      }
    }
  }

  private void resolveCoordinate(Joint j, int link) {
    double s = 1;
    double o = 0;
    Joint cur = j;
    while (cur.isMimic()) {
      Mimic m = cur.mimic();
      // q_cur = m.mult * q_src + m.off, and q_j = s * q_cur + o
      o = s * m.offset() + o;
      s = s * m.multiplier();
      cur = model.joint(m.joint());
    }
    coordinate[link] = coordinateIndex.get(cur.name());
    scale[link] = s;
    offset[link] = o;
  }

  public RobotModel model() {
    return model;
  }

  public int linkCount() {
    return linkNames.length;
  }

  /** Number of joint coordinates (actuated joints). */
  public int dof() {
    return coordinateNames.size();
  }

  /** Actuated joint names in canonical order: the meaning of each slot of a joint vector. */
  public List<String> coordinateNames() {
    return coordinateNames;
  }

  public String linkName(int index) {
    return linkNames[index];
  }

  /** The index of a link; a {@link UrdfException} naming the robot if it has no such link. */
  public int linkIndex(String name) {
    Integer i = linkIndex.get(name);
    if (i == null) {
      model.link(name);
    }
    return i;
  }

  /**
   * The slot of an actuated joint in a joint vector. Mimic and fixed joints have no slot: the
   * error says so, because callers setting them by name would silently be ignored otherwise.
   */
  public int coordinateIndex(String jointName) {
    Integer i = coordinateIndex.get(jointName);
    if (i != null) {
      return i;
    }
    Joint j = model.joint(jointName);
    if (j.isMimic()) {
      throw new UrdfException("joint '" + jointName + "' of robot '" + model.name() + "' mimics '"
          + j.mimic().joint() + "' and cannot be set; set '" + j.mimic().joint() + "' instead");
    }
    throw new UrdfException("joint '" + jointName + "' of robot '" + model.name() + "' is "
        + j.type().urdfName() + " and has no coordinate to set");
  }

  /** The effective value of every joint's coordinate given the actuated vector, e.g. for mimic joints. */
  public double jointValue(int link, double[] q) {
    int c = coordinate[link];
    return c < 0 ? 0 : scale[link] * q[c] + offset[link];
  }

  /**
   * The links whose poses determine the given links (the links themselves and all their ancestors),
   * sorted so that {@link ForwardKinematics#update(double[], int[])} can update them in one pass.
   */
  public int[] linksNeededFor(int... links) {
    boolean[] need = new boolean[linkCount()];
    for (int l : links) {
      for (int k = l; k >= 0 && !need[k]; k = parent[k]) {
        need[k] = true;
      }
    }
    int count = 0;
    for (boolean b : need) {
      count += b ? 1 : 0;
    }
    int[] out = new int[count];
    for (int i = 0, c = 0; i < need.length; i++) {
      if (need[i]) {
        out[c++] = i;
      }
    }
    return out;
  }

  /**
   * Actuated coordinates that move link {@code tip} relative to link {@code base}: those on the
   * tip's path from the root but not on the base's, in canonical order.
   */
  public List<String> coordinatesBetween(int base, int tip) {
    java.util.Set<Integer> baseCoords = new java.util.HashSet<>();
    for (int k : movingAncestors[base]) {
      baseCoords.add(coordinate[k]);
    }
    java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
    for (int k : movingAncestors[tip]) {
      if (!baseCoords.contains(coordinate[k])) {
        out.add(coordinate[k]);
      }
    }
    return out.stream().map(coordinateNames::get).toList();
  }

  /** A zero joint vector. */
  public double[] zeroConfiguration() {
    return new double[dof()];
  }

  /** Lower and upper position limits per coordinate (±inf for continuous joints). */
  public double[] lowerLimits() {
    double[] out = new double[dof()];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.joint(coordinateNames.get(i)).lower();
    }
    return out;
  }

  public double[] upperLimits() {
    double[] out = new double[dof()];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.joint(coordinateNames.get(i)).upper();
    }
    return out;
  }

  public double[] velocityLimits() {
    double[] out = new double[dof()];
    for (int i = 0; i < out.length; i++) {
      out[i] = model.joint(coordinateNames.get(i)).velocityLimit();
    }
    return out;
  }
}
