package ai.curate.retargeting.urdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.curate.retargeting.kinematics.ForwardKinematics;
import ai.curate.retargeting.kinematics.KinematicTree;
import ai.curate.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Neo description: the contract that fleet logs and gold tables rely on. */
class NeoUrdfTest {
  private static RobotModel neo;

  @BeforeAll
  static void load() {
    neo = UrdfParser.parse(Fixtures.neoUrdf());
  }

  @Test
  void isASingleTreeRootedAtThePelvis() {
    assertThat(neo.name()).isEqualTo("neo");
    assertThat(neo.rootLink()).isEqualTo("pelvis");
    for (Link l : neo.links()) {
      List<Joint> path = neo.jointsFromRoot(l.name());
      String top = path.isEmpty() ? l.name() : path.get(0).parent();
      assertThat(top).as("link %s hangs from the root", l.name()).isEqualTo("pelvis");
    }
    assertThat(neo.joints()).hasSize(neo.links().size() - 1);
  }

  @Test
  void eachHandHas22ActuatedJointsBelowItsWrist() {
    for (String side : List.of("left", "right")) {
      List<String> hand = actuatedBelow(side + "_wrist");
      assertThat(hand).as("%s hand joints", side).hasSize(22).allMatch(n -> n.startsWith(side + "_"));
      assertThat(hand.stream().filter(n -> n.contains("_thumb_"))).hasSize(5);
      assertThat(hand.stream().filter(n -> n.contains("_index_"))).hasSize(4);
      assertThat(hand.stream().filter(n -> n.contains("_middle_"))).hasSize(4);
      assertThat(hand.stream().filter(n -> n.contains("_ring_"))).hasSize(4);
      assertThat(hand.stream().filter(n -> n.contains("_pinky_"))).hasSize(5);
    }
  }

  @Test
  void everyMovingJointHasFiniteLimits() {
    for (Joint j : neo.joints()) {
      if (j.type() == JointType.FIXED) {
        continue;
      }
      assertThat(j.type()).as(j.name()).isEqualTo(JointType.REVOLUTE);
      assertThat(j.hasPositionLimits()).as("%s position limits", j.name()).isTrue();
      assertThat(j.lower()).as(j.name()).isLessThan(j.upper());
      assertThat(j.lower()).as(j.name()).isLessThanOrEqualTo(0.0);
      assertThat(j.velocityLimit()).as(j.name()).isFinite().isPositive();
      assertThat(j.effortLimit()).as(j.name()).isFinite().isPositive();
    }
  }

  @Test
  void hasTheFramesOtherStagesName() {
    List<String> required = new ArrayList<>(List.of("pelvis", "torso", "head", "head_camera", "head_camera_optical"));
    for (String side : List.of("left", "right")) {
      required.addAll(List.of(side + "_wrist", side + "_palm", side + "_sole"));
      for (String finger : List.of("thumb", "index", "middle", "ring", "pinky")) {
        required.add(side + "_" + finger + "_tip");
      }
    }
    assertThat(neo.links().stream().map(Link::name)).containsAll(required);
  }

  @Test
  void leftAndRightAreMirrorImages() {
    for (String name : neo.actuatedJointNames()) {
      if (!name.startsWith("left_")) {
        continue;
      }
      Joint left = neo.joint(name);
      Joint right = neo.joint("right_" + name.substring("left_".length()));
      assertThat(left.lower()).as(name).isEqualTo(right.lower());
      assertThat(left.upper()).as(name).isEqualTo(right.upper());
      assertThat(left.velocityLimit()).as(name).isEqualTo(right.velocityLimit());
      assertThat(left.originXyz().y()).as(name).isCloseTo(-right.originXyz().y(), within(0.0));
      assertThat(left.axis().y()).as(name).isCloseTo(right.axis().y(), within(0.0));
      assertThat(left.axis().x()).as(name).isCloseTo(-right.axis().x(), within(0.0));
      assertThat(left.axis().z()).as(name).isCloseTo(-right.axis().z(), within(0.0));
    }
    assertThat(neo.actuatedJointNames().stream().filter(n -> n.startsWith("left_")))
        .hasSameSizeAs(neo.actuatedJointNames().stream().filter(n -> n.startsWith("right_")).toList());
  }

  @Test
  void standsAbout165MetresTallWithArmsHangingAndThumbsForward() {
    ForwardKinematics fk = new ForwardKinematics(new KinematicTree(neo));
    fk.update(new double[neo.actuatedJointCount()]);
    double soleToCamera = fk.pose("head_camera", "left_sole").position()[2];
    assertThat(soleToCamera).as("sole to eye height").isBetween(1.50, 1.62);
    for (String side : List.of("left", "right")) {
      double[] wrist = fk.pose(side + "_wrist", "pelvis").position();
      double[] thumb = fk.pose(side + "_thumb_tip", "pelvis").position();
      double[] middle = fk.pose(side + "_middle_tip", "pelvis").position();
      assertThat(middle[2]).as("%s fingers point down", side).isLessThan(wrist[2] - 0.15);
      assertThat(thumb[0]).as("%s thumb points forward", side).isGreaterThan(wrist[0] + 0.03);
      // the MANO-like wrist frame: fingertips along +z, palm facing +x
      double[] inWrist = fk.pose(side + "_middle_tip", side + "_wrist").position();
      assertThat(inWrist[2]).isGreaterThan(0.15);
      assertThat(Math.abs(inWrist[0])).isLessThan(0.01);
    }
    double[] l = fk.pose("left_index_tip", "pelvis").position();
    double[] r = fk.pose("right_index_tip", "pelvis").position();
    assertThat(l[0]).isCloseTo(r[0], within(1e-12));
    assertThat(l[1]).isCloseTo(-r[1], within(1e-12));
    assertThat(l[2]).isCloseTo(r[2], within(1e-12));
    assertThat(fk.pose("right_thumb_tip", "right_wrist").position()[1]).as("right thumb at +y").isPositive();
    assertThat(fk.pose("left_thumb_tip", "left_wrist").position()[1]).as("left thumb at -y").isNegative();
  }

  @Test
  void canonicalOrderIsTheFileOrderOfActuatedJoints() throws Exception {
    // Independent of the DOM parser: scan the text for joint declarations.
    String text = Files.readString(Fixtures.neoUrdf());
    Matcher m = Pattern.compile("<joint name=\"([^\"]+)\" type=\"(\\w+)\"").matcher(text);
    List<String> inFile = new ArrayList<>();
    while (m.find()) {
      if (!m.group(2).equals("fixed")) {
        inFile.add(m.group(1));
      }
    }
    assertThat(neo.actuatedJointNames()).containsExactlyElementsOf(inFile);
    assertThat(neo.actuatedJointNames()).hasSize(76).doesNotHaveDuplicates();
    assertThat(neo.actuatedJointNames().subList(0, 6))
        .containsExactly("waist_yaw", "waist_roll", "waist_pitch", "neck_yaw", "neck_pitch", "neck_roll");
  }

  @Test
  void isWhatItsGeneratorWrites(@TempDir Path tmp) throws Exception {
    Path python = Path.of("/usr/bin/python3");
    assumeTrue(Files.isExecutable(python), "no /usr/bin/python3 to run generate_neo_urdf.py");
    Path out = tmp.resolve("neo.urdf");
    Process p = new ProcessBuilder(python.toString(),
        Fixtures.projectDir().resolve("configs/robots/neo/generate_neo_urdf.py").toString(), out.toString())
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    assertThat(Files.readString(out))
        .as("neo.urdf was edited by hand or the generator changed without regenerating it")
        .isEqualTo(Files.readString(Fixtures.neoUrdf()));
  }

  private static List<String> actuatedBelow(String linkName) {
    List<String> out = new ArrayList<>();
    for (String name : neo.actuatedJointNames()) {
      boolean below = neo.jointsFromRoot(neo.joint(name).child()).stream()
          .anyMatch(j -> j.parent().equals(linkName));
      if (below) {
        out.add(name);
      }
    }
    return out;
  }
}
