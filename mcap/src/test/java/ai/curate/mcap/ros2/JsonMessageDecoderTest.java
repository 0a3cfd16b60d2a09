package ai.curate.mcap.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.mcap.ros2.MessageDecodingException.Kind;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonMessageDecoderTest {
  private static final byte[] SCHEMA = """
      {"type": "object", "properties": {
        "position": {"type": "array", "items": {"type": "number"}},
        "counts": {"type": "array", "items": {"type": "integer"}},
        "flags": {"type": "array", "items": {"type": "boolean"}},
        "mixed": {"type": "array", "items": {"type": "number"}},
        "data": {"type": "string", "contentEncoding": "base64"},
        "joints": {"type": "array", "items": {"type": "object", "properties": {
          "gains": {"type": "array", "items": {"type": "number"}}}}}}}
      """.getBytes(StandardCharsets.UTF_8);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void decodesIntoTheGenericModelInDocumentOrder() {
    MessageDecoder decoder = MessageDecoders.forChannel("json", "neo/JointState", "", new byte[0]);
    var decoded = decoder.decode(utf8("""
        {"z": 1, "name": ["a", "b"], "position": [0.5, -1], "big": 18446744073709551615,
         "long": 4294967296, "ok": true, "none": null, "nested": {"x": 1.0}}"""));
    assertThat(decoded.keySet()).containsExactly("z", "name", "position", "big", "long", "ok", "none", "nested");
    assertThat(decoded).containsEntry("z", 1).containsEntry("name", List.of("a", "b"))
        .containsEntry("position", List.of(0.5, -1)).containsEntry("big", new BigInteger("18446744073709551615"))
        .containsEntry("long", 4294967296L).containsEntry("ok", true).containsEntry("none", null)
        .containsEntry("nested", Ros2Samples.map("x", 1.0));
  }

  @Test
  void theJsonSchemaTypesArraysAndBytes() {
    MessageDecoder decoder = MessageDecoders.forChannel("json", "neo/JointState", "jsonschema", SCHEMA);
    var decoded = decoder.decode(utf8("""
        {"position": [0.5, -1], "counts": [1, 9007199254740993], "flags": [true, false], "mixed": [1, "x"],
         "data": "/wAB", "joints": [{"gains": [2]}], "other": [1.5]}"""));
    assertThat(Ros2Samples.comparable(decoded)).isEqualTo(Ros2Samples.comparable(Ros2Samples.map("position",
        new double[] {0.5, -1}, "counts", new long[] {1, 9007199254740993L}, "flags", new boolean[] {true, false},
        "mixed", List.of(1, "x"), "data", new byte[] {-1, 0, 1}, "joints",
        List.of(Ros2Samples.map("gains", new double[] {2})), "other", List.of(1.5))));
    assertThatThrownBy(() -> decoder.decode(utf8("{\"data\": \"not base64!\"}")))
        .hasMessageContaining("neo/JointState, field data: not base64");
  }

  @Test
  void emptySchemaEncodingIsAccepted() {
    MessageDecoder decoder = MessageDecoders.forChannel("json", "", "", new byte[0]);
    assertThat(decoder.decode(utf8("{\"a\":\"b\"}"))).containsEntry("a", "b");
  }

  @Test
  void notJsonOrNotAnObjectIsUndecodable() {
    MessageDecoder decoder = MessageDecoders.forChannel("json", "neo/X", "jsonschema", SCHEMA);
    assertThatThrownBy(() -> decoder.decode(utf8("{\"a\": ")))
        .isInstanceOfSatisfying(MessageDecodingException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.MESSAGE_UNDECODABLE))
        .hasMessageContaining("neo/X: message is not JSON");
    assertThatThrownBy(() -> decoder.decode(utf8("[1, 2]"))).hasMessageContaining("not an object but array");
    assertThatThrownBy(() -> decoder.decode(new byte[0])).hasMessageContaining("neo/X: JSON message is empty");
  }

  @Test
  void schemaThatIsNotJsonIsUnparsable() {
    assertThatThrownBy(() -> MessageDecoders.forChannel("json", "neo/X", "jsonschema", utf8("{nope")))
        .isInstanceOfSatisfying(MessageDecodingException.class,
            e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_UNPARSABLE))
        .hasMessageContaining("JSON schema neo/X is not JSON");
  }
}
