package ai.curate.retargeting.arm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.retargeting.kinematics.ForwardKinematics;
import ai.curate.retargeting.kinematics.KinematicTree;
import ai.curate.retargeting.kinematics.Pose;
import ai.curate.retargeting.retarget.HandFrames;
import ai.curate.retargeting.urdf.Joint;
import ai.curate.retargeting.urdf.UrdfParser;
import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ArmIkTest {
  private static KinematicTree neo;

  @BeforeAll
  static void load() {
    neo = new KinematicTree(UrdfParser.parse(Fixtures.neoUrdf()));
  }

  private static double[] randomArm(ArmIk ik, Random random, double shrink) {
    double[] q = neo.zeroConfiguration();
    for (String name : ik.joints()) {
      Joint j = neo.model().joint(name);
      double mid = 0.5 * (j.lower() + j.upper()), half = 0.5 * (j.upper() - j.lower()) * shrink;
      q[neo.coordinateIndex(name)] = mid - half + 2 * half * random.nextDouble();
    }
    return q;
  }

  @Test
  void reachesPosesTheArmCanReach() {
    ArmIk ik = new ArmIk(neo, "torso", "right_wrist", null, 0.2);
    assertThat(ik.joints()).containsExactly("right_shoulder_pitch", "right_shoulder_roll", "right_shoulder_yaw",
        "right_elbow", "right_wrist_yaw", "right_wrist_pitch", "right_wrist_roll");
    ForwardKinematics fk = new ForwardKinematics(neo);
    Random random = new Random(2);
    int reached = 0;
    int trials = 40;
    double[] previous = neo.zeroConfiguration();
    for (int t = 0; t < trials; t++) {
      // targets along a trajectory, as frames of a clip are: each a small move from the last
      double[] truth = t == 0 ? randomArm(ik, random, 0.5) : previous.clone();
      if (t > 0) {
        double[] step = randomArm(ik, random, 0.5);
        for (int k = 0; k < truth.length; k++) {
          truth[k] += 0.1 * (step[k] - truth[k]);
        }
      }
      fk.update(truth);
      Pose target = fk.pose("right_wrist", "torso");
      double[] q = t == 0 ? neo.zeroConfiguration() : previous.clone();
      if (ik.solve(target.position(), target.rotation(), q)) {
        reached++;
      }
      fk.update(q);
      Pose got = fk.pose("right_wrist", "torso");
      for (int i = 0; i < 3; i++) {
        assertThat(got.position()[i]).as("trial %d", t).isCloseTo(target.position()[i], within(2e-3));
      }
      previous = q;
      for (String name : ik.joints()) {
        Joint j = neo.model().joint(name);
        assertThat(q[neo.coordinateIndex(name)]).isBetween(j.lower(), j.upper());
      }
    }
    assertThat(reached).as("targets reached to 0.1 mm and 1 mrad").isGreaterThanOrEqualTo(trials - 2);
  }

  @Test
  void unreachableTargetEndsAsCloseAsTheLimitsAllow() {
    ArmIk ik = new ArmIk(neo, "torso", "right_wrist", null, 0.2);
    double[] q = neo.zeroConfiguration();
    double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    assertThat(ik.solve(new double[] {2.0, -0.2, 0.3}, identity, q)).isFalse();
    assertThat(ik.lastPositionError()).isGreaterThan(1.0).isLessThan(1.8);
    for (String name : ik.joints()) {
      Joint j = neo.model().joint(name);
      assertThat(q[neo.coordinateIndex(name)]).isBetween(j.lower(), j.upper());
    }
  }

  @Test
  void wristTargetFromCameraKeypointsAndHeadCamera() throws Exception {
    // a reachable wrist pose in the head frame, and the head camera where the URDF puts it
    ForwardKinematics fk = new ForwardKinematics(neo);
    double[] truth = neo.zeroConfiguration();
    truth[neo.coordinateIndex("right_shoulder_pitch")] = -0.9;
    truth[neo.coordinateIndex("right_elbow")] = 1.2;
    truth[neo.coordinateIndex("right_wrist_yaw")] = 0.4;
    fk.update(truth);
    Pose headWrist = fk.pose("right_wrist", "head");
    Pose headCamera = fk.pose("head_camera_optical", "head");
    // human keypoints expressed in their own estimated wrist frame, then placed at that wrist pose in the camera
    JsonNode kp = new ObjectMapper().readTree(Fixtures.handKeypoints().toFile()).get("keypoints").get(42);
    double[] raw = new double[63];
    for (int i = 0; i < 63; i++) {
      raw[i] = kp.get(i / 3).get(i % 3).asDouble();
    }
    double[] local = new double[63];
    HandFrames.toWristFrame(raw, true, local);
    double[] camera = new double[63];
    double[] rc = headCamera.rotation();
    double[] pc = headCamera.position();
    double[] rw = headWrist.rotation();
    double[] pw = headWrist.position();
    for (int i = 0; i < 21; i++) {
      double[] head = new double[3];
      for (int r = 0; r < 3; r++) {
        head[r] = pw[r] + rw[3 * r] * local[3 * i] + rw[3 * r + 1] * local[3 * i + 1]
            + rw[3 * r + 2] * local[3 * i + 2];
      }
      for (int r = 0; r < 3; r++) {
        // camera = Rc^T (head - pc)
        camera[3 * i + r] = rc[r] * (head[0] - pc[0]) + rc[3 + r] * (head[1] - pc[1]) + rc[6 + r] * (head[2] - pc[2]);
      }
    }
    double[] tHeadCamera = {rc[0], rc[1], rc[2], pc[0], rc[3], rc[4], rc[5], pc[1], rc[6], rc[7], rc[8], pc[2], 0, 0, 0,
        1};
    double[] pos = new double[3];
    double[] rot = new double[9];
    assertThat(WristTargets.inHead(camera, true, tHeadCamera, pos, rot)).isTrue();
    for (int i = 0; i < 3; i++) {
      assertThat(pos[i]).isCloseTo(pw[i], within(1e-9));
    }
    for (int i = 0; i < 9; i++) {
      assertThat(rot[i]).isCloseTo(rw[i], within(1e-9));
    }
    ArmIk ik = new ArmIk(neo, "head", "right_wrist", null, 0.2);
    double[] q = neo.zeroConfiguration();
    assertThat(ik.solve(pos, rot, q)).isTrue();
    fk.update(q);
    Pose got = fk.pose("right_wrist", "head");
    for (int i = 0; i < 3; i++) {
      assertThat(got.position()[i]).isCloseTo(pw[i], within(2e-4));
    }
  }
}
