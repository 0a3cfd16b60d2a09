package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class ClipMetadataParserTest {
  private static ClipMetadata parse(String json) throws ClipFormatException {
    return ClipMetadataParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
  }

  private static ClipMetadata parseEdited(Consumer<ObjectNode> edit) throws ClipFormatException {
    ObjectNode clip = HumanClipFixture.exampleClipJson();
    edit.accept(clip);
    return parse(clip.toString());
  }

  private static void assertInvalid(Consumer<ObjectNode> edit, String... messageParts) {
    assertThatThrownBy(() -> parseEdited(edit))
        .isInstanceOfSatisfying(ClipFormatException.class,
            e -> assertThat(e.errorKind()).isEqualTo(HumanIngestErrors.CLIP_INVALID))
        .hasMessageContainingAll(messageParts);
  }

  @Test
  void theDocumentedExampleParsesCompletely() throws Exception {
    ClipMetadata m = parseEdited(c -> {});

    assertThat(m.formatVersion()).isEqualTo(1);
    assertThat(m.clipId()).isEqualTo("hand-0001");
    assertThat(m.dataset()).isEqualTo("dexsuite-hands");
    assertThat(m.license()).isEqualTo("MIT");
    assertThat(m.consent()).isTrue();
    assertThat(m.task()).isEqualTo("hand_motion");
    assertThat(m.prompt()).startsWith("move the right hand");
    assertThat(m.keypointFrame()).isEqualTo("wrist");
    assertThat(m.intrinsics()).containsExactly(920.0, 920.0, 640.0, 360.0);
    assertThat(m.cameraWidth()).isEqualTo(1280);
    assertThat(m.cameraHeight()).isEqualTo(720);
    assertThat(m.tHeadCamera()).hasSize(16).startsWith(0.0, 0.0, 1.0, 0.08).endsWith(1.0);
  }

  @Test
  void optionalFieldsMayBeAbsent() throws Exception {
    ClipMetadata m = parse("{\"format\":\"human-clip\",\"format_version\":1,\"clip_id\":\"c\",\"dataset\":\"d\"}");

    assertThat(m.consent()).isNull();
    assertThat(m.keypointFrame()).isEqualTo("camera");
    assertThat(m.intrinsics()).isNull();
    assertThat(m.cameraWidth()).isNull();
    assertThat(m.tHeadCamera()).isNull();
    assertThat(m.license()).isNull();
  }

  @Test
  void missingConsentIsKeptAsUnknownNotRejected() throws Exception {
    // The quality stage quarantines clips without consent; ingest keeps the fact.
    assertThat(parseEdited(c -> c.remove("consent")).consent()).isNull();
    assertThat(parseEdited(c -> c.put("consent", false)).consent()).isFalse();
  }

  @Test
  void textThatIsNotJsonIsUnreadable() {
    assertThatThrownBy(() -> parse("{\"format\": \"human-clip\", "))
        .isInstanceOfSatisfying(ClipFormatException.class,
            e -> assertThat(e.errorKind()).isEqualTo(HumanIngestErrors.CLIP_UNREADABLE))
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void formatViolationsNameTheFieldAndWhatWasExpected() {
    assertInvalid(c -> c.put("format", "neo-fleet-bundle"), "\"format\" must be \"human-clip\"", "neo-fleet-bundle");
    assertInvalid(c -> c.put("format_version", 2), "format_version 2 is not supported");
    assertInvalid(c -> c.put("format_version", "1"), "\"format_version\" must be an integer");
    assertInvalid(c -> c.remove("clip_id"), "\"clip_id\" is required");
    assertInvalid(c -> c.put("dataset", ""), "\"dataset\" is required");
    assertInvalid(c -> c.put("consent", "yes"), "\"consent\" must be true or false");
    assertInvalid(c -> c.put("keypoint_frame", "world"), "\"keypoint_frame\" must be \"camera\" or \"wrist\"");
    assertInvalid(c -> ((ObjectNode) c.get("camera")).putArray("intrinsics").add(1).add(2).add(3),
        "\"camera.intrinsics\" must be an array of 4 numbers", "an array of 3");
    assertInvalid(c -> ((ObjectNode) c.get("camera")).put("width", -5), "\"camera.width\" must be a positive integer");
    assertInvalid(c -> ((ObjectNode) c.get("camera")).putArray("T_head_camera").add(1),
        "\"camera.T_head_camera\" must be an array of 16 numbers");
    assertInvalid(c -> c.put("task", 7), "\"task\" must be a string");
  }

  @Test
  void aJsonArrayIsNotAClip() {
    assertThatThrownBy(() -> parse("[1, 2]")).isInstanceOf(ClipFormatException.class)
        .hasMessageContaining("must be one JSON object");
  }
}
