package ai.curate.jobs.mcap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.errors.UserError;
import ai.curate.jobs.mcap.McapMapping.Kind;
import ai.curate.jobs.mcap.McapMapping.TimeSource;
import ai.curate.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The shipped Neo mapping loads and says what the contract says; a broken mapping is a one-line config error. */
class McapMappingTest {
  private static final Path SHIPPED = Fixtures.project("configs/mcap/neo.yaml");

  @TempDir
  Path temp;

  @Test
  void shippedNeoMappingIsTheContract() {
    McapMapping m = McapMapping.load(SHIPPED);
    assertThat(m.mapping()).isEqualTo("neo");
    assertThat(m.version()).isEqualTo(1);
    assertThat(m.robotModel()).isEqualTo("neo");
    assertThat(m.sessionMetadata()).isEqualTo("session");
    assertThat(m.topics()).extracting(McapMapping.Topic::topic).containsExactly("/joint_states", "/joint_commands",
        "/wrist_ft/left", "/wrist_ft/right", "/tactile/left", "/tactile/right", "/camera/{camera}/image/compressed",
        "/camera/{camera}/video", "/events");
    assertThat(m.topic("/joint_states").stream()).isEqualTo("joint_state");
    assertThat(m.topic("/joint_commands").stream()).isEqualTo("action");
    assertThat(m.topic("/wrist_ft/right").messageType()).isEqualTo("geometry_msgs/msg/WrenchStamped");
    assertThat(m.topic("/tactile/left").time()).isEqualTo(TimeSource.LOG_TIME);
    assertThat(m.topic("/joint_states").joints()).isEqualTo(McapMapping.JointMatch.BY_NAME);
    McapMapping.Topic image = m.topic("/camera/wrist_right/image/compressed");
    assertThat(image.kind()).isEqualTo(Kind.CAMERA_IMAGE);
    assertThat(McapMapping.cameraName(image, "/camera/wrist_right/image/compressed")).isEqualTo("wrist_right");
    assertThat(m.topic("/camera/head/video").kind()).isEqualTo(Kind.CAMERA_VIDEO);
    assertThat(m.topic("/camera/Head/video")).as("not a camera name").isNull();
    assertThat(m.topic("/camera//video")).isNull();
    assertThat(m.topic("/events").kind()).isEqualTo(Kind.EVENTS);
    assertThat(m.topic("/rosout")).isNull();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "version 2            | 'version: 1'                          | 'version: 2'                               | version 2 is not supported",
      "unknown key          | 'robot_model: neo'                    | 'robot_model: neo\\nextra: 1'               | extra",
      "wrong message type   | 'message_type: std_msgs/msg/String'   | 'message_type: std_msgs/msg/Header'        | kind events needs message_type std_msgs/msg/String",
      "no header in tactile | 'time: log_time\\n  - topic: /tactile/right' | 'time: header\\n  - topic: /tactile/right' | topics[4] (/tactile/left): time header is not in a std_msgs/msg/Float32MultiArray",
      "side missing         | 'side: left\\n    message_type: geometry' | 'message_type: geometry'              | topics[2] (/wrist_ft/left): 'side' (left or right) is required",
      "side not in name     | 'stream: wrench_right'                | 'stream: wrench_rear'                      | must name its side right",
      "camera pattern       | '/camera/{camera}/video'              | '/camera/head/video'                       | exactly one {camera} segment",
      "repeated topic       | '/tactile/right'                      | '/tactile/left'                            | topics[5] (/tactile/left): repeats a topic",
      "unknown kind         | 'kind: events'                        | 'kind: logs'                               | logs",
      "not yaml             | 'topics:'                             | 'topics: ['                                | not valid YAML",
  })
  void brokenMappingIsAOneLineError(String label, String from, String to, String expected) throws IOException {
    String text = Files.readString(SHIPPED, StandardCharsets.UTF_8);
    String fromText = from.replace("\\n", "\n");
    assertThat(text).as("the case must edit the shipped file").contains(fromText);
    Path broken = temp.resolve("broken.yaml");
    Files.writeString(broken, text.replaceFirst(java.util.regex.Pattern.quote(fromText),
        java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n"))), StandardCharsets.UTF_8);
    assertThatThrownBy(() -> McapMapping.load(broken)).isInstanceOf(UserError.class)
        .hasMessageContaining("MCAP mapping " + broken).hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void missingMappingSaysWhereTheShippedOneIs() {
    assertThatThrownBy(() -> McapMapping.load(temp.resolve("none.yaml"))).isInstanceOf(UserError.class)
        .hasMessageContaining("none.yaml").hasMessageContaining("configs/mcap/neo.yaml");
  }
}
