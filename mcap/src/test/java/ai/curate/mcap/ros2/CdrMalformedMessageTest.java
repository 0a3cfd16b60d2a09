package ai.curate.mcap.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.mcap.ros2.MessageDecodingException.Kind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Broken messages give a MessageDecodingException saying what, at which byte and in which field. */
class CdrMalformedMessageTest {
  private static final MessageSchema JOINT_STATE = Ros2MsgSchemaParser.parse("sensor_msgs/msg/JointState",
      Ros2Schemas.JOINT_STATE);
  private static final CdrMessageDecoder DECODER = new CdrMessageDecoder(JOINT_STATE);

  private static byte[] jointState(CdrRepresentation representation) {
    return new CdrMessageEncoder(JOINT_STATE).encode(Ros2Samples.jointState(), representation);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertUndecodable(byte[] bytes) {
    return assertThatThrownBy(() -> DECODER.decode(bytes)).isInstanceOfSatisfying(MessageDecodingException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.MESSAGE_UNDECODABLE));
  }

  @Test
  void everyTruncationFailsCleanly() {
    for (CdrRepresentation representation : CdrRepresentation.values()) {
      byte[] whole = jointState(representation);
      for (int length = 0; length < whole.length; length++) {
        byte[] cut = Arrays.copyOf(whole, length);
        assertUndecodable(cut).hasMessageContaining("sensor_msgs/JointState");
      }
    }
  }

  @Test
  void truncationNamesTheFieldAndOffset() {
    byte[] whole = jointState(CdrRepresentation.CDR_LE);
    // header: stamp 8, frame_id "base_link" 4 + 10 = 22 bytes, then name[] count at offset 4 + 24 (aligned).
    assertUndecodable(Arrays.copyOf(whole, 10)).hasMessageContaining("field header.stamp.nanosec")
        .hasMessageContaining("4-byte value at byte 8 needs 4 bytes, 2 left");
    assertUndecodable(Arrays.copyOf(whole, whole.length - 1))
        .hasMessageContaining("field effort: 4-byte value at byte 156");
  }

  @Test
  void shorterThanTheEncapsulationHeader() {
    assertUndecodable(new byte[] {0, 1}).hasMessageContaining("shorter than its 4-byte encapsulation header");
  }

  @Test
  void stringLengthBeyondTheBuffer() {
    byte[] bytes = jointState(CdrRepresentation.CDR_LE);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(12, 1_000_000); // frame_id's length
    assertUndecodable(bytes).hasMessageContaining("field header.frame_id")
        .hasMessageContaining("string length of 1000000 at byte 12");
  }

  @Test
  void stringWithoutItsNul() {
    byte[] bytes = jointState(CdrRepresentation.CDR_LE);
    bytes[16 + 9] = 'x'; // the NUL after "base_link"
    assertUndecodable(bytes).hasMessageContaining("field header.frame_id: string of length 10 not terminated by NUL");
  }

  @Test
  void sequenceCountBeyondTheBuffer() {
    byte[] bytes = jointState(CdrRepresentation.CDR_LE);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(28, -1); // name's count: 4294967295
    assertUndecodable(bytes).hasMessageContaining("field name: sequence length of 4294967295 at byte 28");
  }

  @Test
  void elementCountOfPrimitivesBeyondTheBuffer() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("p/T", "float64[] values\n");
    byte[] bytes = {0, 1, 0, 0, 3, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8};
    assertThatThrownBy(() -> new CdrMessageDecoder(schema).decode(bytes))
        .hasMessageContaining("field values: sequence length of 3 at byte 4 needs 24 bytes");
  }

  @Test
  void dheaderThatDisagreesWithTheContent() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("p/T", "uint32 a\nuint32 b\n");
    byte[] bytes = {0, 9, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0}; // says 4 bytes, holds 8
    assertThatThrownBy(() -> new CdrMessageDecoder(schema).decode(bytes))
        .hasMessageContaining("p/T ran 4 bytes past the end its DHEADER gives at byte 12");
    byte[] tooLong = {0, 9, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0};
    assertThatThrownBy(() -> new CdrMessageDecoder(schema).decode(tooLong))
        .hasMessageContaining("DHEADER of p/T, byte size of 40 at byte 4");
  }

  @Test
  void unknownAndParameterListEncapsulations() {
    byte[] bytes = jointState(CdrRepresentation.CDR_LE);
    bytes[1] = 0x42;
    assertUndecodable(bytes)
        .hasMessageContaining("sensor_msgs/JointState: CDR encapsulation id 0x42 is not a known representation");
    bytes[1] = 0x0b;
    assertThatThrownBy(() -> DECODER.decode(bytes)).isInstanceOfSatisfying(MessageDecodingException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.ENCODING_UNSUPPORTED))
        .hasMessageContaining("0x0b (PL_CDR2, parameter list) is not supported");
  }

  @Test
  void wstringIsRefusedWhenTheDecoderIsBuilt() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("p/T", "int32 a\nInner inner\n" + Ros2Schemas.SEPARATOR
        + "MSG: p/Inner\nwstring w\n");
    assertThatThrownBy(() -> new CdrMessageDecoder(schema)).isInstanceOfSatisfying(MessageDecodingException.class,
        e -> assertThat(e.kind()).isEqualTo(Kind.ENCODING_UNSUPPORTED)).hasMessageContaining("field p/T.inner.w");
  }
}
