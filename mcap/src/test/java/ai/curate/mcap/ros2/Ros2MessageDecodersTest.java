package ai.curate.mcap.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.mcap.ros2.MessageDecodingException.Kind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class Ros2MessageDecodersTest {
  private static final byte[] JOINT_STATE = Ros2Schemas.JOINT_STATE.getBytes(StandardCharsets.UTF_8);

  @Test
  void cdrChannelDecodesJointStateIntoPrimitiveArrays() {
    MessageDecoder decoder = MessageDecoders.forChannel("cdr", "sensor_msgs/msg/JointState", "ros2msg", JOINT_STATE);
    MessageSchema schema = Ros2MsgSchemaParser.parse("sensor_msgs/msg/JointState", Ros2Schemas.JOINT_STATE);
    Map<String, Object> decoded = decoder
        .decode(new CdrMessageEncoder(schema).encode(Ros2Samples.jointState(), CdrRepresentation.CDR_LE));
    assertThat(decoded.get("position")).isInstanceOf(double[].class);
    assertThat((double[]) decoded.get("position")).containsExactly(0.1, -1.25, 3.5e-9);
    assertThat(decoded.get("name")).isEqualTo(List.of("left_hip_pitch", "left_knee", "right_wrist_roll"));
    assertThat(decoded.keySet()).containsExactly("header", "name", "position", "velocity", "effort");
  }

  @Test
  void decodersAreCachedPerSchema() {
    MessageDecoder first = MessageDecoders.forChannel("cdr", "sensor_msgs/msg/JointState", "ros2msg", JOINT_STATE);
    MessageDecoder again = MessageDecoders.forChannel("cdr", "sensor_msgs/msg/JointState", "ros2msg",
        JOINT_STATE.clone());
    MessageDecoder other = MessageDecoders.forChannel("cdr", "test_msgs/msg/BasicTypes", "ros2msg",
        Ros2Schemas.BASIC_TYPES.getBytes(StandardCharsets.UTF_8));
    assertThat(again).isSameAs(first);
    assertThat(other).isNotSameAs(first);
  }

  @Test
  void unsupportedEncodingsHaveAStableKind() {
    assertUnsupported("protobuf", "foo.Bar", "protobuf", "message encoding protobuf is not supported");
    assertUnsupported("ros1", "std_msgs/String", "ros1msg",
        "message encoding ros1 is not supported (only cdr and json)");
    assertUnsupported("cdr", "std_msgs/msg/String", "ros2idl", "schema encoding 'ros2idl' for message encoding cdr");
    assertUnsupported("json", "x", "protobuf", "schema encoding 'protobuf' for message encoding json");
  }

  @Test
  void badSchemaIsUnparsable() {
    assertThatThrownBy(() -> MessageDecoders.forChannel("cdr", "p/msg/T", "ros2msg",
        "int32 x\nfloat128 y\n".getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(
            MessageDecodingException.class, e -> {
              assertThat(e.kind()).isEqualTo(Kind.SCHEMA_UNPARSABLE);
              assertThat(e.kind().code()).isEqualTo("schema_unparsable");
              assertThat(e.detail()).isEqualTo("schema p/msg/T, line 2 ('float128 y'): type p/float128 (in p/T) is"
                  + " not defined in the schema");
            });
  }

  private static void assertUnsupported(String encoding, String schemaName, String schemaEncoding, String text) {
    assertThatThrownBy(() -> MessageDecoders.forChannel(encoding, schemaName, schemaEncoding, new byte[0]))
        .isInstanceOfSatisfying(MessageDecodingException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.ENCODING_UNSUPPORTED);
          assertThat(e.kind().code()).isEqualTo("encoding_unsupported");
        }).hasMessageContaining(text);
  }
}
