package ai.curate.retargeting.urdf;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.testing.Fixtures;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The third-party hand descriptions in the shared fixtures parse into the trees they describe. */
class SharedHandUrdfTest {

  @Test
  void allegroRightHand() {
    RobotModel m = UrdfParser.parse(Fixtures.urdf("allegro_hand_right.urdf"));
    assertThat(m.name()).isEqualTo("allegro_right");
    assertThat(m.rootLink()).isEqualTo("base_link");
    assertThat(m.actuatedJointNames())
        .containsExactlyElementsOf(IntStream.range(0, 16).mapToObj(i -> "joint_" + i + ".0").toList());
    Joint j0 = m.joint("joint_0.0");
    assertThat(j0.lower()).isEqualTo(-0.47);
    assertThat(j0.upper()).isEqualTo(0.47);
    assertThat(j0.velocityLimit()).isEqualTo(3.14);
    assertThat(j0.axis()).isEqualTo(new Vec3(0, 0, 1));
    assertThat(j0.originRpy().x()).isEqualTo(-0.08726646255);
    assertThat(m.jointsFromRoot("link_3.0_tip")).extracting(Joint::name)
        .containsExactly("joint_0.0", "joint_1.0", "joint_2.0", "joint_3.0", "joint_3.0_tip");
    assertThat(m.jointsFromRoot("wrist")).extracting(Joint::name).containsExactly("palm_joint", "wrist_joint");
  }

  @Test
  void leapRightHand() {
    RobotModel m = UrdfParser.parse(Fixtures.urdf("leap_hand_right.urdf"));
    assertThat(m.rootLink()).isEqualTo("base");
    assertThat(m.actuatedJointNames())
        .containsExactlyElementsOf(IntStream.range(0, 16).mapToObj(Integer::toString).toList());
    assertThat(m.joint("0").axis()).isEqualTo(new Vec3(0, 0, -1));
    assertThat(m.joint("1").lower()).isEqualTo(-0.314);
    assertThat(m.joint("1").upper()).isEqualTo(2.23);
    for (String tip : new String[] {"thumb_tip_head", "index_tip_head", "middle_tip_head", "ring_tip_head"}) {
      assertThat(m.jointsFromRoot(tip)).as(tip).hasSizeGreaterThan(4);
    }
  }
}
