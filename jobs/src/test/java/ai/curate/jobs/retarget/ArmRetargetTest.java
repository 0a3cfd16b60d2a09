package ai.curate.jobs.retarget;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.retargeting.kinematics.ForwardKinematics;
import ai.curate.retargeting.kinematics.KinematicTree;
import ai.curate.retargeting.kinematics.Pose;
import ai.curate.retargeting.pose.HandObservation;
import ai.curate.retargeting.pose.PoseFrame;
import ai.curate.retargeting.retarget.KeypointFrame;
import ai.curate.retargeting.retarget.RetargetConfig;
import ai.curate.retargeting.urdf.Joint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Arms from camera-frame keypoints: the fixture's real hand placed in front of Neo's head camera (the fixture
 * clip.json's T_head_camera), palm down, fingers forward; the arm joints are solved, masked, within their limits, and
 * put the wrist where the hand is.
 */
class ArmRetargetTest {
  // clip.json of the fixture: camera z forward = head x, camera x = head -y, camera y = head -z
  private static final double[] HEAD_FROM_CAMERA = {0, 0, 1, 0.08, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 1};
  // right wrist in the head frame: forward, to the right, below; fingers forward (z), thumb left (y), palm down (x)
  private static final double[] WRIST_IN_HEAD = {0.30, -0.22, -0.38};
  private static final double[] HEAD_FROM_WRIST = {0, 0, 1, 0, 1, 0, -1, 0, 0};

  static List<PoseFrame> cameraFrames(int count) {
    List<PoseFrame> out = new ArrayList<>();
    List<double[]> kps = RetargetTestInputs.keypoints();
    for (int f = 0; f < count; f++) {
      double[] w = kps.get(f);
      double[] cam = new double[63];
      for (int i = 0; i < 21; i++) {
        double[] head = new double[3];
        for (int r = 0; r < 3; r++) {
          head[r] = WRIST_IN_HEAD[r] - HEAD_FROM_CAMERA[4 * r + 3];
          for (int c = 0; c < 3; c++) {
            head[r] += HEAD_FROM_WRIST[3 * r + c] * (w[3 * i + c] - w[c]);
          }
        }
        for (int r = 0; r < 3; r++) {
          // camera = R^T (head - t)
          cam[3 * i + r] = HEAD_FROM_CAMERA[r] * head[0] + HEAD_FROM_CAMERA[4 + r] * head[1]
              + HEAD_FROM_CAMERA[8 + r] * head[2];
        }
      }
      out.add(new PoseFrame(f, Math.round(f * 1e6 / 30), Map.of("right", new HandObservation("right", cam, null))));
    }
    return out;
  }

  private static List<ChunkedClipRetargeter.RetargetedFrame> run(List<PoseFrame> frames, int chunk, int overlap) {
    RetargetConfig config = RetargetTestInputs.neoConfig();
    List<ChunkedClipRetargeter.RetargetedFrame> out = new ArrayList<>();
    new ChunkedClipRetargeter(config, chunk, overlap, new ArmSolver(config, "torso", HEAD_FROM_CAMERA))
        .retarget(frames.iterator(), KeypointFrame.CAMERA).forEachRemaining(out::add);
    return out;
  }

  @Test
  void cameraFrameKeypointsDriveTheArm() {
    RetargetConfig config = RetargetTestInputs.neoConfig();
    KinematicTree tree = config.tree();
    ArmSolver arms = new ArmSolver(config, "torso", HEAD_FROM_CAMERA);
    List<String> armJoints = arms.joints("right");
    assertThat(armJoints).containsExactly("right_shoulder_pitch", "right_shoulder_roll", "right_shoulder_yaw",
        "right_elbow", "right_wrist_yaw", "right_wrist_pitch", "right_wrist_roll");
    List<ChunkedClipRetargeter.RetargetedFrame> out = run(cameraFrames(150), 10_000, 0);

    ForwardKinematics fk = new ForwardKinematics(tree);
    double[] errors = new double[out.size()];
    for (ChunkedClipRetargeter.RetargetedFrame f : out) {
      assertThat(f.arms()).containsKey("right");
      for (String j : armJoints) {
        int slot = tree.coordinateIndex(j);
        Joint joint = tree.model().joint(j);
        assertThat(f.mask()[slot]).as(j).isTrue();
        assertThat(f.joints()[slot]).as(j).isBetween(joint.lower(), joint.upper());
      }
      // where the solved arm puts the wrist, in the head frame (neck at zero), against where the hand is
      fk.update(f.joints());
      Pose wrist = fk.pose("right_wrist", "head");
      double d = 0;
      for (int r = 0; r < 3; r++) {
        d += Math.pow(wrist.position()[r] - WRIST_IN_HEAD[r], 2);
      }
      errors[f.stepIndex()] = Math.sqrt(d) * 1000;
      assertThat(f.arms().get("right").positionErrorMm()).isCloseTo(errors[f.stepIndex()],
          org.assertj.core.data.Offset.offset(0.01));
    }
    Arrays.sort(errors);
    System.out.printf("arm: wrist position error median %.3f mm, max %.3f mm%n", errors[errors.length / 2],
        errors[errors.length - 1]);
    assertThat(errors[errors.length / 2]).as("median wrist error (mm)").isLessThan(1.0);
  }

  @Test
  void armsContinueExactlyAcrossChunks() {
    List<PoseFrame> frames = cameraFrames(150);
    List<ChunkedClipRetargeter.RetargetedFrame> whole = run(frames, 10_000, 0);
    List<ChunkedClipRetargeter.RetargetedFrame> chunked = run(frames, 40, 12);
    for (int k = 0; k < whole.size(); k++) {
      assertThat(chunked.get(k).arms().get("right")).isEqualTo(whole.get(k).arms().get("right"));
    }
  }
}
