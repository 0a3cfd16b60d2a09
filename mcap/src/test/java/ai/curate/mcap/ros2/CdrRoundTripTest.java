package ai.curate.mcap.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Encoder then decoder, for every representation: what goes in comes out, with the model's types. */
class CdrRoundTripTest {
  record Sample(String id, String schemaName, String schemaText, Supplier<Map<String, Object>> message) {
    @Override
    public String toString() {
      return id;
    }
  }

  static List<Sample> samples() {
    return List.of(new Sample("JointState", "sensor_msgs/msg/JointState", Ros2Schemas.JOINT_STATE,
        Ros2Samples::jointState),
        new Sample("WrenchStamped", "geometry_msgs/msg/WrenchStamped", Ros2Schemas.WRENCH_STAMPED,
            Ros2Samples::wrenchStamped),
        new Sample("Float32MultiArray", "std_msgs/msg/Float32MultiArray", Ros2Schemas.FLOAT32_MULTI_ARRAY,
            Ros2Samples::float32MultiArray),
        new Sample("CompressedImage", "sensor_msgs/msg/CompressedImage", Ros2Schemas.COMPRESSED_IMAGE,
            Ros2Samples::compressedImage),
        new Sample("Log", "rcl_interfaces/msg/Log", Ros2Schemas.LOG, Ros2Samples::log),
        new Sample("BasicTypesMax", "test_msgs/msg/BasicTypes", Ros2Schemas.BASIC_TYPES, Ros2Samples::basicTypesMax),
        new Sample("BasicTypesMin", "test_msgs/msg/BasicTypes", Ros2Schemas.BASIC_TYPES, Ros2Samples::basicTypesMin),
        new Sample("BasicTypesNonFinite", "test_msgs/msg/BasicTypes", Ros2Schemas.BASIC_TYPES,
            Ros2Samples::basicTypesNonFinite),
        new Sample("Arrays", "curate_test/msg/Arrays", Ros2Schemas.ARRAYS, Ros2Samples::arrays),
        new Sample("ArraysEmpty", "curate_test/msg/Arrays", Ros2Schemas.ARRAYS, Ros2Samples::arraysEmpty));
  }

  static Stream<Arguments> everySampleInEveryRepresentation() {
    List<Arguments> out = new ArrayList<>();
    for (Sample sample : samples()) {
      for (CdrRepresentation representation : CdrRepresentation.values()) {
        out.add(Arguments.of(sample, representation));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} in {1}")
  @MethodSource("everySampleInEveryRepresentation")
  void decodesWhatItEncoded(Sample sample, CdrRepresentation representation) {
    MessageSchema schema = Ros2MsgSchemaParser.parse(sample.schemaName(), sample.schemaText());
    byte[] bytes = new CdrMessageEncoder(schema).encode(sample.message().get(), representation);
    assertThat(bytes[1]).isEqualTo((byte) representation.id());
    Map<String, Object> decoded = new CdrMessageDecoder(schema).decode(bytes);
    assertThat(Ros2Samples.comparable(decoded)).isEqualTo(Ros2Samples.comparable(sample.message().get()));
  }

  @ParameterizedTest
  @EnumSource(CdrRepresentation.class)
  void xcdr2AlignsEightByteValuesToFourAndXcdr1ToEight(CdrRepresentation representation) {
    MessageSchema schema = Ros2MsgSchemaParser.parse("p/T", "uint8 a\nfloat64 b\n");
    byte[] bytes = new CdrMessageEncoder(schema).encode(Ros2Samples.map("a", 1, "b", 2.0), representation);
    int dheader = representation.delimited() ? 4 : 0;
    assertThat(bytes).hasSize(4 + dheader + (representation.xcdr2() ? 4 : 8) + 8);
  }

  @ParameterizedTest
  @EnumSource(CdrRepresentation.class)
  void missingFieldsTakeTheirDefaultsOrZero(CdrRepresentation representation) {
    MessageSchema schema = Ros2MsgSchemaParser.parse("p/T",
        "int32 x 5\nstring s \"hi\"\nfloat64[2] fixed\nfloat32[] seq [1.5]\nuint64 big\nstring[] names\n");
    Map<String, Object> decoded = new CdrMessageDecoder(schema)
        .decode(new CdrMessageEncoder(schema).encode(Map.of(), representation));
    assertThat(Ros2Samples.comparable(decoded)).isEqualTo(Ros2Samples.comparable(Ros2Samples.map("x", 5, "s", "hi",
        "fixed", new double[2], "seq", new float[] {1.5f}, "big", 0L, "names", List.of())));
  }

  @ParameterizedTest
  @EnumSource(CdrRepresentation.class)
  void acceptsListsAndWiderNumbersForAnyField(CdrRepresentation representation) {
    MessageSchema schema = Ros2MsgSchemaParser.parse("p/T", "uint16[] a\nfloat64[] b\nint8 c\nuint64[] d\n");
    Map<String, Object> decoded = new CdrMessageDecoder(schema).decode(new CdrMessageEncoder(schema).encode(
        Ros2Samples.map("a", List.of(1, 65535L), "b", List.of(1, 2.5f), "c", (short) -3, "d",
            List.of(Ros2Samples.UINT64_MAX)),
        representation));
    assertThat(Ros2Samples.comparable(decoded)).isEqualTo(Ros2Samples.comparable(Ros2Samples.map("a",
        new int[] {1, 65535}, "b", new double[] {1, 2.5}, "c", -3, "d", new Uint64Array(new long[] {-1}))));
  }

  @ParameterizedTest
  @EnumSource(CdrRepresentation.class)
  void refusesValuesThatDoNotFitTheirType(CdrRepresentation representation) {
    MessageSchema schema = Ros2MsgSchemaParser.parse("p/T",
        "uint8 a\nfloat64[2] fixed\nstring<=3 s\nint32[<=1] b\nHeader h\n"
            + Ros2Schemas.SEPARATOR + "MSG: std_msgs/Header\n" + Ros2Schemas.HEADER);
    CdrMessageEncoder encoder = new CdrMessageEncoder(schema);
    assertThatThrownBy(() -> encoder.encode(Map.of("a", 256), representation))
        .hasMessageContaining("field a: 256 is out of range for uint8");
    assertThatThrownBy(() -> encoder.encode(Map.of("fixed", new double[3]), representation))
        .hasMessageContaining("field fixed: 3 elements do not fit float64[2]");
    assertThatThrownBy(() -> encoder.encode(Map.of("s", "long"), representation))
        .hasMessageContaining("field s: string of 4 characters exceeds its bound 3");
    assertThatThrownBy(() -> encoder.encode(Map.of("b", new int[2]), representation))
        .hasMessageContaining("2 elements do not fit int32[<=1]");
    assertThatThrownBy(() -> encoder.encode(Map.of("h", Map.of("stamp", Map.of("nanosec", -1))), representation))
        .hasMessageContaining("field h.stamp.nanosec: -1 is out of range for uint32");
    assertThatThrownBy(() -> encoder.encode(Map.of("a", 1.5), representation))
        .hasMessageContaining("1.5 is not an integer");
  }
}
