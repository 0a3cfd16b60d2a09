package ai.curate.retargeting.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FkToolTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The shared Allegro URDF; looked up per test so that a checkout without the fixtures skips these tests. */
  private static Path allegro() {
    return Fixtures.urdf("allegro_hand_right.urdf");
  }

  @Test
  void printsThePoseAsOneJsonLineInTheContractShape() throws Exception {
    String out = FkTool.run(allegro(), "link_3.0_tip", "wrist", "joint_1.0=0.5");
    assertThat(out).doesNotContain("\n");
    JsonNode n = JSON.readTree(out);
    assertThat(n.fieldNames()).toIterable().containsExactly("base", "tip", "position", "rotation");
    assertThat(n.get("base").asText()).isEqualTo("wrist");
    assertThat(n.get("tip").asText()).isEqualTo("link_3.0_tip");
    assertThat(n.get("position")).hasSize(3);
    assertThat(n.get("rotation")).hasSize(3);
    n.get("rotation").forEach(row -> assertThat(row).hasSize(3));
    // index finger base sits 0.0435 m to +y of the palm centre-line; the flexed finger leans to +x
    assertThat(n.get("position").get(1).asDouble()).isCloseTo(0.055, within(0.001));
    assertThat(n.get("position").get(0).asDouble()).isGreaterThan(0.05);
  }

  @Test
  void baseDefaultsToTheRootAndMissingJointsToZero() throws Exception {
    JsonNode implicit = JSON.readTree(FkTool.run(allegro(), "link_7.0_tip", null, ""));
    StringBuilder zeros = new StringBuilder();
    for (int i = 0; i < 16; i++) {
      zeros.append(i == 0 ? "" : ",").append("joint_").append(i).append(".0=0");
    }
    JsonNode explicit = JSON.readTree(FkTool.run(allegro(), "link_7.0_tip", "base_link", zeros.toString()));
    assertThat(implicit.get("base").asText()).isEqualTo("base_link");
    assertThat(implicit.get("position")).isEqualTo(explicit.get("position"));
    // Allegro's middle finger at zero points straight up (+z) from the palm: base offset + 4 phalanges
    assertThat(implicit.get("position").get(2).asDouble()).isCloseTo(0.0007 + 0.0164 + 0.054 + 0.0384 + 0.0387,
        within(1e-9));
  }

  @Test
  void userErrorsAreOneLineIllegalArguments() {
    Path allegro = allegro(); // outside the lambdas: a missing fixture skips the test, not fails it
    assertThatThrownBy(() -> FkTool.run(allegro, "link_3.0_tip", null, "joint_99=1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no joint named 'joint_99'");
    assertThatThrownBy(() -> FkTool.run(allegro, "nowhere", null, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no link named 'nowhere'");
    assertThatThrownBy(() -> FkTool.run(allegro, "link_3.0_tip", "nobase", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no link named 'nobase'");
    assertThatThrownBy(() -> FkTool.run(allegro, "link_3.0_tip", null, "joint_1.0"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not name=value");
    assertThatThrownBy(() -> FkTool.run(allegro, "link_3.0_tip", null, "joint_1.0=abc"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'abc', not a number");
    assertThatThrownBy(() -> FkTool.run(allegro, "link_3.0_tip", null, "joint_1.0=1,joint_1.0=2"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    assertThatThrownBy(() -> FkTool.run(allegro, "link_3.0_tip", null, "joint_3.0_tip=1"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fixed");
    assertThatThrownBy(() -> FkTool.run(Path.of("/nonexistent/x.urdf"), "a", null, ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not found");
    assertThatThrownBy(() -> FkTool.run(allegro, "link_3.0_tip", null, "joint_99=1"))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void mimicJointCannotBeSetDirectly() throws Exception {
    Path urdf = Path.of(getClass().getResource("/urdf/mimic_gripper.urdf").toURI());
    assertThatThrownBy(() -> FkTool.run(urdf, "nail", null, "finger_right_joint=0.01"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set 'finger_left_joint' instead");
  }
}
