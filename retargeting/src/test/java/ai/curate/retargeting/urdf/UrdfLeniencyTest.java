package ai.curate.retargeting.urdf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.retargeting.cli.FkTool;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What urdfdom and KDL load, this parser loads too, and says in one line what it ignored. */
class UrdfLeniencyTest {
  private static final String LIMIT = "<limit lower=\"-1\" upper=\"1\" effort=\"1\" velocity=\"1\"/>";

  /** A small arm whose fixed head and floating marker carry elements that have no effect. */
  private static String robot(String fixedExtra, String floatingExtra) {
    return "<?xml version=\"1.0\"?>\n<robot name=\"humanoid\">"
        + "<link name=\"torso\"/><link name=\"arm\"/><link name=\"head\"/><link name=\"marker\"/>"
        + "<joint name=\"shoulder\" type=\"revolute\"><parent link=\"torso\"/><child link=\"arm\"/>"
        + "<origin xyz=\"0 0.2 0\"/><axis xyz=\"0 0 1\"/>" + LIMIT + "</joint>"
        + "<joint name=\"neck\" type=\"fixed\"><parent link=\"torso\"/><child link=\"head\"/>"
        + "<origin xyz=\"0 0 0.5\"/>" + fixedExtra + "</joint>"
        + "<joint name=\"tracker\" type=\"floating\"><parent link=\"arm\"/><child link=\"marker\"/>"
        + floatingExtra + "</joint>"
        + "<gazebo reference=\"head\"><sensor/></gazebo><unknown_vendor_tag a=\"b\"/>"
        + "</robot>\n";
  }

  private static RobotModel parse(String xml) {
    return UrdfParser.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "humanoid.urdf");
  }

  @Test
  void mimicOnAFixedJointIsIgnoredAndNamedInOneWarningLine() {
    RobotModel m = parse(robot("<mimic joint=\"shoulder\" multiplier=\"2\"/>", "<mimic joint=\"shoulder\"/>"));

    assertThat(m.joint("neck").isMimic()).isFalse();
    assertThat(m.joint("tracker").isMimic()).isFalse();
    assertThat(m.actuatedJointNames()).containsExactly("shoulder");
    assertThat(m.warning()).hasValueSatisfying(w -> {
      assertThat(w).doesNotContain("\n").contains("humanoid.urdf")
          .contains("<mimic> on fixed joints [neck]").contains("<mimic> on floating joints [tracker]");
    });
  }

  @Test
  void unreadableAxisOrLimitOnAFixedJointIsIgnored() {
    RobotModel m = parse(robot("<axis xyz=\"0 0\"/><limit lower=\"0\" upper=\"0\"/>", ""));

    assertThat(m.joint("neck").type()).isEqualTo(JointType.FIXED);
    assertThat(m.warning()).hasValueSatisfying(w -> assertThat(w)
        .contains("unreadable <axis> on fixed joints [neck]").contains("unreadable <limit> on fixed joints [neck]"));
  }

  @Test
  void aCleanFileHasNoWarning() {
    assertThat(parse(robot("", "")).warning()).isEmpty();
  }

  @Test
  void whatCannotBeComputedIsStillRefused() {
    // urdfdom refuses a revolute joint without <limit> too: its range is unknown.
    assertThatThrownBy(() -> parse(robot("", "").replace(LIMIT, "")))
        .isInstanceOf(UrdfException.class).hasMessageContaining("'shoulder'").hasMessageContaining("no <limit>");
    assertThatThrownBy(() -> parse(robot("", "").replace("<axis xyz=\"0 0 1\"/>", "<axis xyz=\"0 0 0\"/>")))
        .isInstanceOf(UrdfException.class).hasMessageContaining("zero axis");
    // A moving joint that mimics a joint without a coordinate has no defined position.
    String mimicsFixed = robot("", "").replace(LIMIT, LIMIT + "<mimic joint=\"neck\"/>");
    assertThatThrownBy(() -> parse(mimicsFixed)).isInstanceOf(UrdfException.class).hasMessageContaining("'neck'");
  }

  @Test
  void fkRunsOnSuchAFileAndHandsTheWarningToTheCaller(@TempDir Path tmp) throws Exception {
    Path urdf = tmp.resolve("humanoid.urdf");
    Files.writeString(urdf, robot("<mimic joint=\"shoulder\"/>", ""));
    List<String> warnings = new ArrayList<>();

    String json = FkTool.run(urdf, "head", null, "shoulder=0.3", warnings::add);

    assertThat(json).contains("\"tip\":\"head\"").contains("0.5");
    assertThat(warnings).singleElement().asString().contains("<mimic> on fixed joints [neck]");
  }
}
