package ai.curate.retargeting.retarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetargetConfigTest {
  @TempDir
  Path dir;

  private static final String GOOD = """
      urdf: allegro_hand_right.urdf
      origin_links: [wrist, wrist]
      task_links: [link_15.0_tip, link_3.0_tip]
      human_origin_indices: [0, 0]
      human_task_indices: [4, 8]
      scaling_factor: 1.6
      """;

  private RetargetConfig load(String yaml) {
    return RetargetConfig.load(RetargetFixtures.writeConfig(dir, yaml));
  }

  @Test
  void loadsTheAllegroConfigWithTheUrdfRelativeToTheFile() {
    RetargetConfig c = RetargetConfig.load(RetargetFixtures.allegroConfig(dir));
    assertThat(c.urdf()).isEqualTo(dir.resolve("allegro_hand_right.urdf").toAbsolutePath().normalize());
    assertThat(c.model().name()).isEqualTo("allegro_right");
    HandSpec h = c.hands().get(0);
    assertThat(h.side()).isEqualTo("right");
    assertThat(h.scalingFactor()).isEqualTo(1.6);
    assertThat(h.solver().huberDelta()).isEqualTo(0.02);
    assertThat(h.solver().maxIterations()).as("default").isEqualTo(50);
    assertThat(h.smoothing().cutoffHz()).as("default").isEqualTo(6.0);
    assertThat(c.solvedJoints(h)).as("all joints moving the four fingertips")
        .containsExactlyElementsOf(IntStream.range(0, 16).mapToObj(i -> "joint_" + i + ".0").toList());
  }

  @Test
  void solvedJointsDefaultToThoseBetweenOriginAndTask() {
    RetargetConfig c = load(GOOD);
    assertThat(c.solvedJoints(c.hands().get(0)))
        .containsExactly("joint_0.0", "joint_1.0", "joint_2.0", "joint_3.0", "joint_12.0", "joint_13.0", "joint_14.0",
            "joint_15.0");
  }

  @Test
  void neoConfigHasTwoHandsOf22Joints() {
    RetargetConfig c = RetargetConfig.load(RetargetFixtures.neoConfig());
    assertThat(c.hands()).extracting(HandSpec::side).containsExactly("right", "left");
    for (HandSpec h : c.hands()) {
      List<String> joints = c.solvedJoints(h);
      assertThat(joints).hasSize(22).allMatch(j -> j.startsWith(h.side() + "_"))
          .noneMatch(j -> j.contains("wrist") || j.contains("elbow"));
    }
  }

  @Test
  void errorsNameTheFileAndTheKey() {
    assertError(GOOD.replace("scaling_factor: 1.6", "scaling_factor: -1"), "'scaling_factor'", "positive");
    assertError(GOOD.replace("scaling_factor: 1.6", "scaling_factor: big"), "'scaling_factor'", "");
    assertError(GOOD + "colour: red\n", "colour", "");
    assertError(GOOD + "solver:\n  max_iteration: 3\n", "max_iteration", "");
    assertError(GOOD + "solver:\n  max_iterations: 0\n", "'solver.max_iterations'", "at least 1");
    assertError(GOOD.replace("link_3.0_tip]", "link_99]"), "'task_links[1]'", "no link 'link_99'");
    assertError(GOOD.replace("[4, 8]", "[4, 21]"), "'human_task_indices[1]'", "0..20");
    assertError(GOOD.replace("human_origin_indices: [0, 0]", "human_origin_indices: [0]"), "'task_links'",
        "same length");
    assertError(GOOD.replace("human_origin_indices: [0, 0]\n", ""), "'human_origin_indices'", "missing");
    assertError(GOOD.replace("urdf: allegro_hand_right.urdf", "urdf: nope.urdf"), "'urdf'", "not found");
    assertError(GOOD.replace("urdf: allegro_hand_right.urdf\n", ""), "'urdf'", "missing");
    assertError(GOOD + "hand_side: middle\n", "'side'", "'right' or 'left'");
    assertError(GOOD + "joints: [joint_0.0, joint_3.0_tip]\n", "'joints[1]'", "fixed");
    assertError(GOOD + "human_frame_rotation: [[1, 0, 0], [0, 1, 0], [0, 0, -1]]\n", "'human_frame_rotation'",
        "reflection");
    assertError(GOOD + "vector_weights: [1]\n", "'vector_weights'", "one weight per vector");
    assertError(
        GOOD + "joints: [joint_2.0, joint_3.0]\ncouplings:\n  - {joint: joint_3.0, sources: {joint_2.0: 1.0}}\n",
        "'couplings[0].joint'", "also solved");
    assertError(GOOD + "couplings:\n  - {joint: joint_3.0, sources: {joint_7.0: 1.0}}\n",
        "'couplings[0].sources.joint_7.0'",
        "not a solved joint");
    assertError(GOOD + "pinch:\n  pairs:\n    - {robot_links: [link_15.0_tip], human_indices: [4, 8]}\n",
        "'pinch.pairs[0]'", "robot_links: [a, b]");
    assertError("urdf: allegro_hand_right.urdf\nhands:\n  right:\n    origin_links: [wrist]\n    task_links: [wrist]\n"
        + "    human_origin_indices: [0]\n    human_task_indices: [4]\n    scaling_factor: 1\n",
        "'hands.right.task_links[0]'", "equals its origin link");
  }

  @Test
  void couplingsFollowTheirSources() {
    RetargetConfig c = load(
        GOOD + "joints: [joint_0.0, joint_1.0, joint_2.0, joint_12.0, joint_13.0, joint_14.0, joint_15.0]\n"
            + "couplings:\n  - {joint: joint_3.0, sources: {joint_2.0: 0.8}, offset: 0.1}\n");
    assertThat(c.hands().get(0).couplings()).singleElement()
        .satisfies(k -> assertThat(k.offset()).isEqualTo(0.1));
    // without an explicit list, a coupled joint is left out of the solved joints
    RetargetConfig d = load(GOOD + "couplings:\n  - {joint: joint_3.0, sources: {joint_2.0: 1.0}}\n");
    assertThat(d.solvedJoints(d.hands().get(0))).contains("joint_2.0").doesNotContain("joint_3.0");
  }

  private void assertError(String yaml, String key, String what) {
    Path file = RetargetFixtures.writeConfig(dir, yaml); // outside the lambda: a missing fixture skips, not fails
    assertThatThrownBy(() -> RetargetConfig.load(file)).isInstanceOf(RetargetConfigException.class)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("config.yaml").hasMessageContaining(key).hasMessageContaining(what)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
