package ai.curate.mcap.ros2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * D_CDR2 bytes laid out by hand from DDS-XTypes 1.3, 7.4.3.5 (Foxglove's MessageReader ignores DHEADERs, so it
 * cannot check these): a DHEADER before each struct and before each sequence or array of strings or structs, none
 * before sequences of primitives; 8-byte values aligned to 4.
 */
class CdrDelimitedTest {
  private static final String SCHEMA = "float64 t\nstring[] names\nPoint[1] points\nint16[] raw\n"
      + Ros2Schemas.SEPARATOR + "MSG: p/Point\nuint8 tag\nint64 id\n";

  private static byte[] handMade() {
    ByteBuffer b = ByteBuffer.allocate(100).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0, 0x09, 0, 0});
    b.putInt(0); // DHEADER of the message, patched below
    b.putDouble(0.5); // offset 8 from the origin: no padding in XCDR2 either way
    b.putInt(4 + 4 + 3); // DHEADER of names: count, "ab" with length and NUL
    b.putInt(1).putInt(3).put("ab".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
    b.put((byte) 0); // pad to 4
    b.putInt(4 + 1 + 3 + 8); // DHEADER of points[1] (a fixed array: no count)
    b.putInt(1 + 3 + 8); // DHEADER of the Point
    b.put((byte) 7).put(new byte[3]).putLong(-2); // id aligned to 4, not 8
    b.putInt(2).putShort((short) -1).putShort((short) 300); // int16[]: no DHEADER
    int end = b.position();
    b.putInt(4, end - 8);
    byte[] out = new byte[end];
    b.get(0, out);
    return out;
  }

  @Test
  void decodesTheSpecLayout() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("p/T", SCHEMA);
    Map<String, Object> decoded = new CdrMessageDecoder(schema).decode(handMade());
    assertThat(Ros2Samples.comparable(decoded)).isEqualTo(Ros2Samples.comparable(Ros2Samples.map("t", 0.5, "names",
        List.of("ab"), "points", List.of(Ros2Samples.map("tag", 7, "id", -2L)), "raw", new short[] {-1, 300})));
  }

  @Test
  void encodesTheSpecLayout() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("p/T", SCHEMA);
    byte[] encoded = new CdrMessageEncoder(schema).encode(Ros2Samples.map("t", 0.5, "names", List.of("ab"), "points",
        List.of(Ros2Samples.map("tag", 7, "id", -2L)), "raw", new short[] {-1, 300}), CdrRepresentation.D_CDR2_LE);
    assertThat(encoded).isEqualTo(handMade());
  }

  @Test
  void skipsMembersAppendedByANewerVersion() {
    MessageSchema newer = Ros2MsgSchemaParser.parse("p/T", "uint32 a\nInner inner\nuint32 c\n"
        + Ros2Schemas.SEPARATOR + "MSG: p/Inner\nuint8 x\nfloat64 added\n");
    MessageSchema older = Ros2MsgSchemaParser.parse("p/T", "uint32 a\nInner inner\nuint32 c\n"
        + Ros2Schemas.SEPARATOR + "MSG: p/Inner\nuint8 x\n");
    byte[] bytes = new CdrMessageEncoder(newer).encode(Ros2Samples.map("a", 1L, "inner",
        Ros2Samples.map("x", 2, "added", 3.0), "c", 4L), CdrRepresentation.D_CDR2_BE);
    assertThat(new CdrMessageDecoder(older).decode(bytes))
        .isEqualTo(Ros2Samples.map("a", 1L, "inner", Ros2Samples.map("x", 2), "c", 4L));
  }
}
