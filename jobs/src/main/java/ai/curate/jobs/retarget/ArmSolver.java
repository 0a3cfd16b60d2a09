package ai.curate.jobs.retarget;

import ai.curate.retargeting.arm.ArmIk;
import ai.curate.retargeting.arm.WristTargets;
import ai.curate.retargeting.kinematics.ForwardKinematics;
import ai.curate.retargeting.kinematics.KinematicTree;
import ai.curate.retargeting.kinematics.Pose;
import ai.curate.retargeting.retarget.HandSpec;
import ai.curate.retargeting.retarget.RetargetConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Neo's arms from the hands' wrist poses: for camera-frame keypoints and a known {@code T_head_camera}, the wrist pose
 * in the head frame ({@link WristTargets#inHead}) is carried into the arm base frame (neck joints at zero: the
 * human's head posture is not observed) and {@link ArmIk} moves the joints between the base link and the hand's wrist
 * link (its {@code frame_link}, default its first origin link), warm-started frame to frame. No smoothing: the arm
 * follows the raw wrist estimate. Not thread-safe; one instance per clip chunk.
 */
final class ArmSolver {
  /** One arm's result in one frame. */
  record ArmResult(boolean converged, double positionErrorMm, double orientationErrorDeg) {}

  private final KinematicTree tree;
  private final double[] headFromCamera;
  private final double[] baseFromHeadRotation = new double[9];
  private final double[] baseFromHeadPosition = new double[3];
  private final Map<String, Arm> arms = new LinkedHashMap<>();

  private final class Arm {
    final ArmIk ik;
    final int[] slots;
    final boolean right;
    double[] q;

    Arm(ArmIk ik, boolean right) {
      this.ik = ik;
      this.right = right;
      this.slots = ik.joints().stream().mapToInt(tree::coordinateIndex).toArray();
    }
  }

  /**
   * @param baseLink the arm base (Neo: {@code torso}); the config's robot must have it and a {@code head} link
   * @param headFromCamera {@code T_head_camera}, 16 numbers row-major
   */
  ArmSolver(RetargetConfig config, String baseLink, double[] headFromCamera) {
    this.tree = config.tree();
    this.headFromCamera = headFromCamera.clone();
    ForwardKinematics fk = new ForwardKinematics(tree);
    fk.update(tree.zeroConfiguration());
    Pose head = fk.pose("head", baseLink);
    System.arraycopy(head.position(), 0, baseFromHeadPosition, 0, 3);
    System.arraycopy(head.rotation(), 0, baseFromHeadRotation, 0, 9);
    for (HandSpec h : config.hands()) {
      String wrist = h.frameLink() != null ? h.frameLink() : h.originLinks().get(0);
      arms.put(h.side(), new Arm(new ArmIk(tree, baseLink, wrist, null, 0.2), h.side().equals("right")));
    }
  }

  /** Whether a robot config can drive arms from {@code baseLink}: it has that link and a {@code head} link. */
  static boolean supports(RetargetConfig config, String baseLink) {
    return baseLink != null && !baseLink.isBlank() && config.model().hasLink(baseLink)
        && config.model().hasLink("head");
  }

  /** The arm joints of a hand, canonical names. */
  List<String> joints(String side) {
    return arms.get(side).ik.joints();
  }

  /** The warm starts (copies), to continue a clip in the next chunk with {@link #restore}. */
  Map<String, double[]> state() {
    Map<String, double[]> out = new LinkedHashMap<>();
    arms.forEach((side, a) -> out.put(side, a.q == null ? null : a.q.clone()));
    return out;
  }

  void restore(Map<String, double[]> state) {
    arms.forEach((side, a) -> {
      double[] q = state.get(side);
      a.q = q == null ? null : q.clone();
    });
  }

  /** Forgets the warm start (a new clip starts from the zero posture). */
  void reset() {
    for (Arm a : arms.values()) {
      a.q = null;
    }
  }

  /**
   * Solves one arm for one frame from camera-frame keypoints; writes its joints into {@code joints} (canonical slots).
   *
   * @return null when the hand's wrist frame is degenerate (the arm stays unsolved in that frame)
   */
  ArmResult solve(String side, double[] cameraKeypoints, double[] joints) {
    Arm a = arms.get(side);
    double[] p = new double[3];
    double[] r = new double[9];
    if (!WristTargets.inHead(cameraKeypoints, a.right, headFromCamera, p, r)) {
      return null;
    }
    double[] pb = new double[3];
    double[] rb = new double[9];
    for (int i = 0; i < 3; i++) {
      pb[i] = baseFromHeadPosition[i];
      for (int k = 0; k < 3; k++) {
        pb[i] += baseFromHeadRotation[3 * i + k] * p[k];
        for (int c = 0; c < 3; c++) {
          rb[3 * i + c] += baseFromHeadRotation[3 * i + k] * r[3 * k + c];
        }
      }
    }
    if (a.q == null) {
      a.q = tree.zeroConfiguration();
    }
    boolean converged = a.ik.solve(pb, rb, a.q);
    for (int slot : a.slots) {
      joints[slot] = a.q[slot];
    }
    return new ArmResult(converged, a.ik.lastPositionError() * 1000, Math.toDegrees(a.ik.lastOrientationError()));
  }

  int[] slots(String side) {
    return arms.get(side).slots;
  }
}
