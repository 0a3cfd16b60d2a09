package ai.curate.retargeting.urdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrdfParserTest {
  private static final String SRC = "test.urdf";

  private static RobotModel parse(String body) {
    String xml = "<?xml version=\"1.0\"?>\n<robot name=\"r\">\n" + body + "\n</robot>\n";
    return UrdfParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), SRC);
  }

  private static String joint(String name, String type, String parent, String child, String extra) {
    return "<joint name=\"" + name + "\" type=\"" + type + "\"><parent link=\"" + parent + "\"/><child link=\""
        + child + "\"/>" + extra + "</joint>";
  }

  /** Parsing {@code body} fails with a {@link UrdfException} whose one-line message contains every fragment. */
  private static void assertRefused(String body, String... fragments) {
    assertThatThrownBy(() -> parse(body)).isInstanceOf(UrdfException.class).hasMessageContainingAll(fragments);
  }

  private static final String LIMIT = "<limit lower=\"-1\" upper=\"2\" effort=\"3\" velocity=\"4\"/>";

  @Test
  void readsOriginsAxesLimitsAndMimicAndIgnoresGeometry() {
    RobotModel m = parse("""
        <link name="base"><visual><geometry><mesh filename="x.stl"/></geometry></visual>
          <collision><origin xyz="9 9 9"/></collision></link>
        <link name="a"/><link name="b"/><link name="c"/><link name="d"/>
        <joint name="j1" type="revolute">
          <origin xyz=" 0.1 -0.2  0.3 " rpy="0.5 0 -1"/>
          <parent link="base"/><child link="a"/>
          <axis xyz="0 0 2"/>
          <limit lower="-1.5" upper="1.25" effort="7" velocity="3.5"/>
        </joint>
        <joint name="j2" type="continuous"><parent link="a"/><child link="b"/></joint>
        <joint name="j3" type="prismatic"><parent link="b"/><child link="c"/><axis xyz="0 1 0"/>
          <limit lower="0" upper="0.04" effort="10" velocity="0.1"/></joint>
        <joint name="j4" type="revolute"><parent link="c"/><child link="d"/>
          <limit lower="-3" upper="3" effort="1" velocity="1"/>
          <mimic joint="j1" multiplier="-2" offset="0.25"/></joint>
        <transmission name="t"><joint name="j1"/></transmission>
        """);
    assertThat(m.rootLink()).isEqualTo("base");
    assertThat(m.actuatedJointNames()).containsExactly("j1", "j2", "j3");
    Joint j1 = m.joint("j1");
    assertThat(j1.type()).isEqualTo(JointType.REVOLUTE);
    assertThat(j1.originXyz()).isEqualTo(new Vec3(0.1, -0.2, 0.3));
    assertThat(j1.originRpy()).isEqualTo(new Vec3(0.5, 0, -1));
    assertThat(j1.axis()).isEqualTo(new Vec3(0, 0, 1));
    assertThat(j1.lower()).isEqualTo(-1.5);
    assertThat(j1.upper()).isEqualTo(1.25);
    assertThat(j1.velocityLimit()).isEqualTo(3.5);
    assertThat(j1.effortLimit()).isEqualTo(7);
    Joint j2 = m.joint("j2");
    assertThat(j2.axis()).as("URDF default axis").isEqualTo(new Vec3(1, 0, 0));
    assertThat(j2.originXyz()).isEqualTo(Vec3.ZERO);
    assertThat(j2.hasPositionLimits()).isFalse();
    assertThat(j2.velocityLimit()).isInfinite();
    assertThat(m.joint("j3").type()).isEqualTo(JointType.PRISMATIC);
    assertThat(m.joint("j3").upper()).isCloseTo(0.04, within(1e-15));
    Joint j4 = m.joint("j4");
    assertThat(j4.isMimic()).isTrue();
    assertThat(j4.isActuated()).isFalse();
    assertThat(j4.mimic()).isEqualTo(new Mimic("j1", -2, 0.25));
    assertThat(m.jointsFromRoot("d")).extracting(Joint::name).containsExactly("j1", "j2", "j3", "j4");
    assertThat(m.childJoints("base")).extracting(Joint::name).containsExactly("j1");
    assertThat(m.parentJoint("base")).isEmpty();
  }

  @Test
  void floatingAndFixedJointsAreNotActuated() {
    RobotModel m = parse("<link name=\"world\"/><link name=\"base\"/><link name=\"tool\"/>"
        + joint("float", "floating", "world", "base", "") + joint("mount", "fixed", "base", "tool", ""));
    assertThat(m.actuatedJointNames()).isEmpty();
    assertThat(m.joint("float").type()).isEqualTo(JointType.FLOATING);
  }

  @Test
  void unknownParentLinkNamesTheJointAndTheFile() {
    assertThatThrownBy(
        () -> parse("<link name=\"a\"/><link name=\"b\"/>" + joint("elbow", "revolute", "ghost", "b", LIMIT)))
        .isInstanceOf(UrdfException.class)
        .hasMessageContaining(SRC).hasMessageContaining("'elbow'").hasMessageContaining("unknown parent link 'ghost'");
  }

  @Test
  void unknownChildLink() {
    assertRefused("<link name=\"a\"/>" + joint("elbow", "revolute", "a", "ghost", LIMIT), "'elbow'",
        "unknown child link 'ghost'");
  }

  @Test
  void cycleIsReportedWithItsJoints() {
    assertRefused(
        "<link name=\"root\"/><link name=\"a\"/><link name=\"b\"/>" + joint("r_a", "fixed", "root", "a", "")
            + joint("loop1", "fixed", "b", "a2", "") + "<link name=\"a2\"/>" + joint("loop2", "fixed", "a2", "b", ""),
        SRC, "cycle", "loop1", "loop2");
  }

  @Test
  void cycleThroughEveryLinkLeavesNoRoot() {
    assertRefused("<link name=\"a\"/><link name=\"b\"/>" + joint("ab", "fixed", "a", "b", "")
        + joint("ba", "fixed", "b", "a", ""), "no root link", "cycle");
  }

  @Test
  void multipleRootsAreListed() {
    assertRefused("<link name=\"a\"/><link name=\"b\"/><link name=\"stray\"/>" + joint("ab", "fixed", "a", "b", ""),
        "2 root links", "stray");
  }

  @Test
  void linkWithTwoParents() {
    assertRefused("<link name=\"a\"/><link name=\"b\"/><link name=\"c\"/>" + joint("ac", "fixed", "a", "c", "")
        + joint("bc", "fixed", "b", "c", ""), "'ac'", "'bc'");
  }

  @Test
  void revoluteWithoutLimit() {
    assertRefused("<link name=\"a\"/><link name=\"b\"/>" + joint("knee", "revolute", "a", "b", ""), SRC, "'knee'",
        "no <limit>");
  }

  @Test
  void prismaticWithoutLimit() {
    assertRefused("<link name=\"a\"/><link name=\"b\"/>" + joint("slide", "prismatic", "a", "b", ""), "'slide'",
        "no <limit>");
  }

  @Test
  void limitWithoutVelocity() {
    assertRefused(
        "<link name=\"a\"/><link name=\"b\"/>"
            + joint("knee", "revolute", "a", "b", "<limit lower=\"0\" upper=\"1\" effort=\"1\"/>"),
        "'knee'", "velocity");
  }

  @Test
  void invertedLimits() {
    assertRefused(
        "<link name=\"a\"/><link name=\"b\"/>"
            + joint("knee", "revolute", "a", "b", "<limit lower=\"1\" upper=\"0\" effort=\"1\" velocity=\"1\"/>"),
        "'knee'", "above upper");
  }

  @Test
  void unknownJointType() {
    assertRefused("<link name=\"a\"/><link name=\"b\"/>" + joint("hinge", "spherical", "a", "b", ""), "'hinge'",
        "unknown type 'spherical'");
  }

  @Test
  void badNumbers() {
    assertRefused("<link name=\"a\"/><link name=\"b\"/>" + joint("j", "fixed", "a", "b", "<origin xyz=\"0 0\"/>"),
        "'j'", "three numbers");
    assertRefused("<link name=\"a\"/><link name=\"b\"/>" + joint("j", "fixed", "a", "b", "<origin xyz=\"0 zero 0\"/>"),
        "'zero'");
    assertRefused(
        "<link name=\"a\"/><link name=\"b\"/>" + joint("j", "revolute", "a", "b", "<axis xyz=\"0 0 0\"/>" + LIMIT),
        "zero axis");
  }

  @Test
  void mimicOfUnknownJoint() {
    assertRefused(
        "<link name=\"a\"/><link name=\"b\"/>" + joint("j", "revolute", "a", "b", LIMIT + "<mimic joint=\"nope\"/>"),
        "'j' mimics unknown joint 'nope'");
  }

  @Test
  void mimicCycle() {
    assertRefused("<link name=\"a\"/><link name=\"b\"/><link name=\"c\"/>"
        + joint("j1", "revolute", "a", "b", LIMIT + "<mimic joint=\"j2\"/>")
        + joint("j2", "revolute", "b", "c", LIMIT + "<mimic joint=\"j1\"/>"), "mimic joints form a cycle");
  }

  @Test
  void duplicateNames() {
    assertRefused("<link name=\"a\"/><link name=\"a\"/>", "link 'a' is declared twice");
    assertRefused("<link name=\"a\"/><link name=\"b\"/><link name=\"c\"/>" + joint("j", "fixed", "a", "b", "")
        + joint("j", "fixed", "b", "c", ""), "joint 'j' is declared twice");
  }

  @Test
  void notWellFormedXmlSaysWhere() {
    assertThatThrownBy(() -> UrdfParser.parse(
        new ByteArrayInputStream("<robot name=\"r\"><link name=\"a\"></robot>".getBytes(StandardCharsets.UTF_8)), SRC))
        .isInstanceOf(UrdfException.class).hasMessageContaining(SRC).hasMessageContaining("not well-formed")
        .hasMessageContaining("line 1");
  }

  @Test
  void wrongRootElement() {
    assertThatThrownBy(() -> UrdfParser.parse(
        new ByteArrayInputStream("<sdf/>".getBytes(StandardCharsets.UTF_8)), SRC))
        .isInstanceOf(UrdfException.class).hasMessageContaining("<sdf>");
  }

  @Test
  void doctypeIsRefused() {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<robot name=\"&x;\"><link name=\"a\"/></robot>";
    assertThatThrownBy(() -> UrdfParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), SRC))
        .isInstanceOf(UrdfException.class).hasMessageContaining(SRC);
  }

  @Test
  void missingFile(@TempDir Path tmp) {
    Path missing = tmp.resolve("nope.urdf");
    assertThatThrownBy(() -> UrdfParser.parse(missing))
        .isInstanceOf(UrdfException.class).hasMessageContaining("not found").hasMessageContaining(missing.toString());
  }

  @Test
  void parsesFromAPathAndNamesItInErrors(@TempDir Path tmp) throws Exception {
    Path f = tmp.resolve("bad.urdf");
    Files.writeString(f, "<robot name=\"r\"><link name=\"a\"/><link name=\"b\"/>"
        + joint("j", "revolute", "a", "b", "") + "</robot>");
    assertThatThrownBy(() -> UrdfParser.parse(f)).isInstanceOf(UrdfException.class)
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(f.toString());
  }

  @Test
  void unknownJointOrLinkLookupIsAClearError() {
    RobotModel m = parse("<link name=\"a\"/><link name=\"b\"/>" + joint("j", "revolute", "a", "b", LIMIT));
    assertThatThrownBy(() -> m.joint("k")).isInstanceOf(UrdfException.class)
        .hasMessageContaining("no joint named 'k'").hasMessageContaining("[j]");
    assertThatThrownBy(() -> m.link("z")).isInstanceOf(UrdfException.class).hasMessageContaining("no link named 'z'");
  }
}
