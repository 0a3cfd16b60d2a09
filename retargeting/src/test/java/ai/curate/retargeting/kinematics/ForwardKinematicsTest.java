package ai.curate.retargeting.kinematics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.curate.retargeting.urdf.Joint;
import ai.curate.retargeting.urdf.RobotModel;
import ai.curate.retargeting.urdf.UrdfException;
import ai.curate.retargeting.urdf.UrdfParser;
import ai.curate.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ForwardKinematicsTest {

  private static RobotModel planarArm() {
    String xml = """
        <robot name="planar">
          <link name="base"/><link name="l1"/><link name="l2"/><link name="tip"/>
          <joint name="q1" type="revolute"><parent link="base"/><child link="l1"/>
            <axis xyz="0 0 1"/><limit lower="-3" upper="3" effort="1" velocity="1"/></joint>
          <joint name="q2" type="revolute"><parent link="l1"/><child link="l2"/><origin xyz="0.5 0 0"/>
            <axis xyz="0 0 1"/><limit lower="-3" upper="3" effort="1" velocity="1"/></joint>
          <joint name="t" type="fixed"><parent link="l2"/><child link="tip"/><origin xyz="0.3 0 0"/></joint>
        </robot>
        """;
    return UrdfParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "planar.urdf");
  }

  private static RobotModel mimicGripper() throws Exception {
    return UrdfParser.parse(Path.of(ForwardKinematicsTest.class.getResource("/urdf/mimic_gripper.urdf").toURI()));
  }

  @Test
  void planarArmMatchesClosedForm() {
    ForwardKinematics fk = new ForwardKinematics(new KinematicTree(planarArm()));
    double q1 = 0.7, q2 = -1.2;
    fk.update(new double[] {q1, q2});
    Pose p = fk.pose("tip", "base");
    assertThat(p.position()[0]).isCloseTo(0.5 * Math.cos(q1) + 0.3 * Math.cos(q1 + q2), within(1e-15));
    assertThat(p.position()[1]).isCloseTo(0.5 * Math.sin(q1) + 0.3 * Math.sin(q1 + q2), within(1e-15));
    assertThat(p.position()[2]).isCloseTo(0, within(1e-15));
    assertThat(p.rotation()[0]).isCloseTo(Math.cos(q1 + q2), within(1e-15));
    assertThat(p.rotation()[3]).isCloseTo(Math.sin(q1 + q2), within(1e-15));
    // the base expressed in the tip frame is the inverse transform
    Pose inv = fk.pose("base", "tip");
    double[] back = new double[3];
    Rotations.apply(p.rotation(), 0, inv.position(), 0, back, 0);
    for (int i = 0; i < 3; i++) {
      assertThat(back[i] + p.position()[i]).isCloseTo(0, within(1e-15));
    }
  }

  @Test
  void mimicJointsFollowTheirSource() throws Exception {
    KinematicTree tree = new KinematicTree(mimicGripper());
    assertThat(tree.coordinateNames()).containsExactly("turret_yaw", "shoulder", "extend", "wrist_roll",
        "finger_left_joint", "thumb_base");
    ForwardKinematics fk = new ForwardKinematics(tree);
    double[] q = tree.zeroConfiguration();
    q[tree.coordinateIndex("finger_left_joint")] = 0.03;
    fk.update(q);
    Pose gap = fk.pose("finger_right", "finger_left");
    // the fingers open symmetrically: left +0.03 along y, right -0.03, 0.02 apart at zero
    assertThat(gap.position()[1]).isCloseTo(-0.02 - 0.06, within(1e-15));
    assertThatThrownBy(() -> tree.coordinateIndex("finger_right_joint")).isInstanceOf(UrdfException.class)
        .hasMessageContaining("mimics 'finger_left_joint'");
    // nail mimics thumb_distal which mimics thumb_base: 0.5 * (-1.5 q + 0.2) + 0.05
    int nail = tree.linkIndex("nail");
    q[tree.coordinateIndex("thumb_base")] = 0.4;
    assertThat(tree.jointValue(nail, q)).isCloseTo(0.5 * (-1.5 * 0.4 + 0.2) + 0.05, within(1e-15));
  }

  @Test
  void rejectsAJointVectorOfTheWrongLength() {
    ForwardKinematics fk = new ForwardKinematics(new KinematicTree(planarArm()));
    assertThatThrownBy(() -> fk.update(new double[3])).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 actuated joints");
  }

  @Test
  void relativePositionJacobianMatchesFiniteDifferencesOnNeo() {
    RobotModel neo = UrdfParser.parse(Fixtures.neoUrdf());
    KinematicTree tree = new KinematicTree(neo);
    // a moving frame, and from/to on different branches: every term of the Jacobian is exercised
    checkRelativeJacobian(tree, "left_palm", "right_index_tip", "head_camera_optical", JointSelection.all(tree), 11);
    checkRelativeJacobian(tree, "right_wrist", "right_thumb_tip", "right_wrist", JointSelection.all(tree), 12);
  }

  @Test
  void relativePositionJacobianMatchesFiniteDifferencesWithMimicAndPrismaticJoints() throws Exception {
    KinematicTree tree = new KinematicTree(mimicGripper());
    checkRelativeJacobian(tree, "finger_left", "nail", "lever", JointSelection.all(tree), 13);
    checkRelativeJacobian(tree, "turret", "finger_right", "base", JointSelection.all(tree), 14);
  }

  @Test
  void selectedColumnsAreTheCorrespondingColumnsOfTheFullJacobian() {
    KinematicTree tree = new KinematicTree(UrdfParser.parse(Fixtures.neoUrdf()));
    ForwardKinematics fk = new ForwardKinematics(tree);
    double[] q = random(tree, new Random(5));
    fk.update(q);
    List<String> hand = tree.coordinateNames().stream().filter(n -> n.startsWith("right_") && !n.contains("wrist")
        && !n.contains("shoulder") && !n.contains("elbow")).filter(n -> !n.contains("hip") && !n.contains("knee")
            && !n.contains("ankle"))
        .toList();
    assertThat(hand).hasSize(22);
    JointSelection sel = new JointSelection(tree, hand);
    JointSelection all = JointSelection.all(tree);
    int w = tree.linkIndex("right_wrist");
    int tip = tree.linkIndex("right_middle_tip");
    double[] js = new double[3 * sel.size()];
    double[] ja = new double[3 * all.size()];
    fk.relativePositionJacobian(w, tip, w, sel, js, 0);
    fk.relativePositionJacobian(w, tip, w, all, ja, 0);
    for (int c = 0; c < sel.size(); c++) {
      int col = all.columnOf(sel.coordinate(c));
      for (int r = 0; r < 3; r++) {
        assertThat(js[r * sel.size() + c]).isEqualTo(ja[r * all.size() + col]);
      }
    }
    // joints outside the hand move the wrist and the tip together: no effect in the wrist frame
    int elbow = all.columnOf(tree.coordinateIndex("right_elbow"));
    for (int r = 0; r < 3; r++) {
      assertThat(ja[r * all.size() + elbow]).isCloseTo(0, within(1e-12));
    }
  }

  @Test
  void poseJacobianMatchesFiniteDifferences() throws Exception {
    for (KinematicTree tree : List.of(new KinematicTree(UrdfParser.parse(Fixtures.neoUrdf())),
        new KinematicTree(mimicGripper()))) {
      boolean neo = tree.model().name().equals("neo");
      String base = neo ? "torso" : "turret";
      String tip = neo ? "left_wrist" : "nail";
      ForwardKinematics fk = new ForwardKinematics(tree);
      JointSelection all = JointSelection.all(tree);
      int n = all.size();
      double[] q = random(tree, new Random(21));
      fk.update(q);
      double[] jac = new double[6 * n];
      int t = tree.linkIndex(tip);
      int b = tree.linkIndex(base);
      fk.poseJacobian(t, b, all, jac, 0);
      double h = 1e-6;
      double[] pp = new double[3], pm = new double[3], rp = new double[9], rm = new double[9], r0 = new double[9];
      fk.rotation(t, b, r0, 0);
      for (int c = 0; c < n; c++) {
        double[] qq = q.clone();
        qq[c] += h;
        fk.update(qq);
        fk.position(t, b, pp, 0);
        fk.rotation(t, b, rp, 0);
        qq[c] -= 2 * h;
        fk.update(qq);
        fk.position(t, b, pm, 0);
        fk.rotation(t, b, rm, 0);
        // angular velocity from dR/dq * R^T (skew-symmetric)
        double[] dr = new double[9];
        for (int i = 0; i < 9; i++) {
          dr[i] = (rp[i] - rm[i]) / (2 * h);
        }
        double[] omegaSkew = new double[9];
        double[] r0t = transpose(r0);
        Rotations.mul(dr, 0, r0t, 0, omegaSkew, 0);
        double[] omega = {omegaSkew[7], omegaSkew[2], omegaSkew[3]};
        for (int r = 0; r < 3; r++) {
          assertThat(jac[r * n + c]).as("%s linear row %d col %s", tree.model().name(), r, all.names().get(c))
              .isCloseTo((pp[r] - pm[r]) / (2 * h), within(1e-7));
          assertThat(jac[(3 + r) * n + c]).as("%s angular row %d col %s", tree.model().name(), r, all.names().get(c))
              .isCloseTo(omega[r], within(1e-7));
        }
      }
    }
  }

  private static void checkRelativeJacobian(KinematicTree tree, String from, String to, String frame,
      JointSelection sel, long seed) {
    ForwardKinematics fk = new ForwardKinematics(tree);
    Random random = new Random(seed);
    int f = tree.linkIndex(from), t = tree.linkIndex(to), fr = tree.linkIndex(frame);
    int n = sel.size();
    double[] jac = new double[3 * n];
    double[] plus = new double[3], minus = new double[3];
    double h = 1e-6;
    for (int trial = 0; trial < 5; trial++) {
      double[] q = random(tree, random);
      fk.update(q);
      fk.relativePositionJacobian(f, t, fr, sel, jac, 0);
      double norm = 0;
      for (int c = 0; c < n; c++) {
        double[] qq = q.clone();
        qq[sel.coordinate(c)] += h;
        fk.update(qq);
        fk.relativePosition(f, t, fr, plus, 0);
        qq[sel.coordinate(c)] -= 2 * h;
        fk.update(qq);
        fk.relativePosition(f, t, fr, minus, 0);
        for (int r = 0; r < 3; r++) {
          double numeric = (plus[r] - minus[r]) / (2 * h);
          norm += numeric * numeric;
          assertThat(jac[r * n + c]).as("%s d(%s->%s in %s)[%d]/d%s", tree.model().name(), from, to, frame, r,
              sel.names().get(c)).isCloseTo(numeric, within(1e-7));
        }
      }
      assertThat(norm).as("the Jacobian is not trivially zero").isGreaterThan(1e-4);
    }
  }

  static double[] random(KinematicTree tree, Random random) {
    double[] q = new double[tree.dof()];
    for (int i = 0; i < q.length; i++) {
      Joint j = tree.model().joint(tree.coordinateNames().get(i));
      double lo = j.hasPositionLimits() ? j.lower() : -Math.PI;
      double hi = j.hasPositionLimits() ? j.upper() : Math.PI;
      q[i] = lo + (hi - lo) * random.nextDouble();
    }
    return q;
  }

  private static double[] transpose(double[] r) {
    return new double[] {r[0], r[3], r[6], r[1], r[4], r[7], r[2], r[5], r[8]};
  }
}
