package ai.curate.mcap.ros2;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonValueWriterTest {
  @Test
  void writesFieldsInSchemaOrderWithExactIntegers() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("test_msgs/msg/BasicTypes", Ros2Schemas.BASIC_TYPES);
    var decoded = new CdrMessageDecoder(schema)
        .decode(new CdrMessageEncoder(schema).encode(Ros2Samples.basicTypesMax(), CdrRepresentation.CDR_LE));
    assertThat(JsonValueWriter.toJson(decoded)).isEqualTo("{\"bool_value\":true,\"byte_value\":255,"
        + "\"char_value\":255,\"float32_value\":3.4028235E38,\"float64_value\":1.7976931348623157E308,"
        + "\"int8_value\":127,\"uint8_value\":255,\"int16_value\":32767,\"uint16_value\":65535,"
        + "\"int32_value\":2147483647,\"uint32_value\":4294967295,\"int64_value\":9223372036854775807,"
        + "\"uint64_value\":18446744073709551615}");
  }

  @Test
  void bytesAsBase64AndNonFiniteAsStrings() {
    var value = Ros2Samples.map("data", new byte[] {(byte) 0xff, 0, 1}, "f", Float.NaN, "d",
        Double.NEGATIVE_INFINITY, "ds", new double[] {Double.POSITIVE_INFINITY, 0.5}, "fs", new float[] {Float.NaN},
        "u", new Uint64Array(new long[] {-1, 2}), "big", new BigInteger("18446744073709551615"), "l",
        new long[] {Long.MIN_VALUE}, "i", new int[] {-1}, "s", new short[] {-2}, "b", new boolean[] {true}, "names",
        List.of("a\"b"), "nested", List.of(Ros2Samples.map("x", 1)), "nothing", null);
    assertThat(JsonValueWriter.toJson(value)).isEqualTo("{\"data\":\"/wAB\",\"f\":\"NaN\",\"d\":\"-Infinity\","
        + "\"ds\":[\"Infinity\",0.5],\"fs\":[\"NaN\"],\"u\":[18446744073709551615,2],"
        + "\"big\":18446744073709551615,\"l\":[-9223372036854775808],\"i\":[-1],\"s\":[-2],\"b\":[true],"
        + "\"names\":[\"a\\\"b\"],\"nested\":[{\"x\":1}],\"nothing\":null}");
  }
}
