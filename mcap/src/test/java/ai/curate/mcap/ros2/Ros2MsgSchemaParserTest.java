package ai.curate.mcap.ros2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import ai.curate.mcap.ros2.FieldType.ArrayKind;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ros2MsgSchemaParserTest {
  private static List<String> fieldTypes(MessageType type) {
    return type.fields().stream().map(f -> f.type() + " " + f.name()).toList();
  }

  @Test
  void jointStateWithItsDependencies() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("sensor_msgs/msg/JointState", Ros2Schemas.JOINT_STATE);
    assertThat(schema.root().name()).isEqualTo("sensor_msgs/JointState");
    assertThat(fieldTypes(schema.root())).containsExactly("std_msgs/Header header", "string[] name",
        "float64[] position", "float64[] velocity", "float64[] effort");
    assertThat(fieldTypes(schema.type("std_msgs/Header"))).containsExactly("builtin_interfaces/Time stamp",
        "string frame_id");
    assertThat(fieldTypes(schema.type("builtin_interfaces/Time"))).containsExactly("int32 sec", "uint32 nanosec");
  }

  @Test
  void wrenchStampedResolvesBareNamesInTheirOwnPackage() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("geometry_msgs/msg/WrenchStamped", Ros2Schemas.WRENCH_STAMPED);
    assertThat(fieldTypes(schema.root())).containsExactly("std_msgs/Header header", "geometry_msgs/Wrench wrench");
    assertThat(fieldTypes(schema.type("geometry_msgs/Wrench"))).containsExactly("geometry_msgs/Vector3 force",
        "geometry_msgs/Vector3 torque");
    assertThat(fieldTypes(schema.type("geometry_msgs/Vector3"))).containsExactly("float64 x", "float64 y",
        "float64 z");
  }

  @Test
  void float32MultiArrayWithLayoutAndDimensions() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("std_msgs/msg/Float32MultiArray", Ros2Schemas.FLOAT32_MULTI_ARRAY);
    assertThat(fieldTypes(schema.root())).containsExactly("std_msgs/MultiArrayLayout layout", "float32[] data");
    assertThat(fieldTypes(schema.type("std_msgs/MultiArrayLayout")))
        .containsExactly("std_msgs/MultiArrayDimension[] dim", "uint32 data_offset");
    assertThat(fieldTypes(schema.type("std_msgs/MultiArrayDimension"))).containsExactly("string label",
        "uint32 size", "uint32 stride");
  }

  @Test
  void compressedImageWithCommentsOnContinuationLines() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("sensor_msgs/msg/CompressedImage", Ros2Schemas.COMPRESSED_IMAGE);
    assertThat(fieldTypes(schema.root())).containsExactly("std_msgs/Header header", "string format",
        "uint8[] data");
  }

  @Test
  void logConstantsAreNotFieldsAndMissingTimeIsBuiltIn() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("rcl_interfaces/msg/Log", Ros2Schemas.LOG);
    assertThat(fieldTypes(schema.root())).containsExactly("builtin_interfaces/Time stamp", "uint8 level",
        "string name", "string msg", "string file", "string function", "uint32 line");
    assertThat(schema.root().constants()).extracting(MessageConstant::name).containsExactly("DEBUG", "INFO", "WARN",
        "ERROR", "FATAL");
    assertThat(schema.root().constants().get(4).value()).isEqualTo(50);
    assertThat(schema.root().constants().get(4).type()).isEqualTo(PrimitiveType.BYTE);
    assertThat(fieldTypes(schema.type("builtin_interfaces/Time"))).containsExactly("int32 sec", "uint32 nanosec");
  }

  @Test
  void basicTypesHasEveryPrimitive() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("test_msgs/msg/BasicTypes", Ros2Schemas.BASIC_TYPES);
    assertThat(schema.root().fields()).extracting(f -> f.type().primitive()).containsExactly(PrimitiveType.BOOL,
        PrimitiveType.BYTE, PrimitiveType.CHAR, PrimitiveType.FLOAT32, PrimitiveType.FLOAT64, PrimitiveType.INT8,
        PrimitiveType.UINT8, PrimitiveType.INT16, PrimitiveType.UINT16, PrimitiveType.INT32, PrimitiveType.UINT32,
        PrimitiveType.INT64, PrimitiveType.UINT64);
  }

  @Test
  void arrayKindsAndBounds() {
    MessageSchema schema = Ros2MsgSchemaParser.parse("curate_test/msg/Arrays", Ros2Schemas.ARRAYS);
    MessageType root = schema.root();
    assertThat(field(root, "chars").type()).isEqualTo(new FieldType(PrimitiveType.CHAR, null, -1, ArrayKind.FIXED, 3));
    assertThat(field(root, "uint8s").type())
        .isEqualTo(new FieldType(PrimitiveType.UINT8, null, -1, ArrayKind.BOUNDED, 4));
    assertThat(field(root, "bounded_strings").type())
        .isEqualTo(new FieldType(PrimitiveType.STRING, null, 8, ArrayKind.BOUNDED, 3));
    assertThat(field(root, "bools").type().array()).isEqualTo(ArrayKind.UNBOUNDED);
    assertThat(field(root, "fixed_points").type())
        .isEqualTo(new FieldType(null, "curate_test/Point", -1, ArrayKind.FIXED, 2));
    assertThat(fieldTypes(schema.type("curate_test/Nested"))).containsExactly("curate_test/Point[] points",
        "string label", "float64[] values");
    assertThat(schema.type("curate_test/Empty").fields()).isEmpty();
  }

  @Test
  void constantsAndDefaults() {
    String text = """
        int32 FOO=1
        int32 BAR = -2
        string S="x # not a comment"
        string T=plain text
        uint64 BIG=18446744073709551615
        float64 PI=3.14159
        bool YES=true
        int32 x 5                 # a field with a default
        string name "joint # one"
        float64[] gains [1.5, -2, 3e2]
        string[2] labels ["a, b", 'c']
        uint8[<=3] small [1, 2]
        bool flag True
        Header header
        time stamp
        """;
    MessageType type = Ros2MsgSchemaParser.parse("pkg/msg/Defaults", text + Ros2Schemas.SEPARATOR
        + "MSG: std_msgs/Header\n" + Ros2Schemas.HEADER).root();
    assertThat(type.constants()).extracting(MessageConstant::name, MessageConstant::value).containsExactly(
        tuple("FOO", 1), tuple("BAR", -2),
        tuple("S", "x # not a comment"),
        tuple("T", "plain text"),
        tuple("BIG", new BigInteger("18446744073709551615")),
        tuple("PI", 3.14159), tuple("YES", true));
    assertThat(fieldTypes(type)).containsExactly("int32 x", "string name", "float64[] gains", "string[2] labels",
        "uint8[<=3] small", "bool flag", "std_msgs/Header header", "builtin_interfaces/Time stamp");
    assertThat(field(type, "x").defaultValue()).isEqualTo(5);
    assertThat(field(type, "name").defaultValue()).isEqualTo("joint # one");
    assertThat((double[]) field(type, "gains").defaultValue()).containsExactly(1.5, -2, 300);
    assertThat(field(type, "labels").defaultValue()).isEqualTo(List.of("a, b", "c"));
    assertThat((byte[]) field(type, "small").defaultValue()).containsExactly(1, 2);
    assertThat(field(type, "flag").defaultValue()).isEqualTo(true);
    assertThat(field(type, "header").defaultValue()).isNull();
  }

  @Test
  void typeNamesWithMsgInTheMiddleAndHeaderAlone() {
    String text = "sensor_msgs/msg/Imu imu\nHeader header\n" + Ros2Schemas.SEPARATOR
        + "MSG: sensor_msgs/msg/Imu\nfloat64 x\n" + Ros2Schemas.SEPARATOR + "MSG: std_msgs/msg/Header\n"
        + Ros2Schemas.HEADER;
    MessageSchema schema = Ros2MsgSchemaParser.parse("my_pkg/Thing", text);
    assertThat(fieldTypes(schema.root())).containsExactly("sensor_msgs/Imu imu", "std_msgs/Header header");
  }

  @Test
  void aDependencyRepeatedIdenticallyIsAccepted() {
    String text = Ros2Schemas.JOINT_STATE + "\n" + Ros2Schemas.SEPARATOR + "MSG: std_msgs/Header\n"
        + "builtin_interfaces/Time stamp   # the same definition, other comments\nstring frame_id\n";
    MessageSchema schema = Ros2MsgSchemaParser.parse("sensor_msgs/msg/JointState", text);
    assertThat(fieldTypes(schema.type("std_msgs/Header"))).containsExactly("builtin_interfaces/Time stamp",
        "string frame_id");
    assertError("int32 x\n" + Ros2Schemas.SEPARATOR + "MSG: p/A\nint32 a\n" + Ros2Schemas.SEPARATOR
        + "MSG: p/A\nint64 a\n", "line 6 ('MSG: p/A'): type p/A is defined twice, differently");
  }

  @Test
  void errorsNameTheLine() {
    assertError("float64 x\nflaot64[] position\n", "line 2 ('flaot64[] position'): type pkg/flaot64");
    assertError("float64\n", "line 1 ('float64'): expected '<type> <name>'");
    assertError("\n\nint32 x y z\n", "line 3");
    assertError("float64[x] position\n", "line 1 ('float64[x] position'): 'float64[x]' is not a type");
    assertError("int32 x\nint32 x\n", "line 2 ('int32 x'): field 'x' is declared twice");
    assertError("uint8 FOO=300\n", "line 1 ('uint8 FOO=300'): 300 is out of range for uint8");
    assertError("int32 x abc\n", "line 1 ('int32 x abc'): 'abc' is not an integer");
    assertError("float64[2] x [1.0]\n", "the default has 1 elements");
    assertError("int32<=3 x\n", "only string and wstring take a bound");
    assertError("Header h\n", "type std_msgs/Header (in pkg/Bad) is not defined in the schema");
    assertError("Loop l\n" + Ros2Schemas.SEPARATOR + "MSG: pkg/Loop\nLoop again\n", "contains itself");
    assertError("int32 x\n" + Ros2Schemas.SEPARATOR + "MSG: not a type\n", "line 3 ('MSG: not a type')");
    assertThatThrownBy(() -> Ros2MsgSchemaParser.parse("JointState", "int32 x\n"))
        .isInstanceOf(MessageDecodingException.class).hasMessageContaining("schema name 'JointState'");
  }

  private static void assertError(String text, String expected) {
    assertThatThrownBy(() -> Ros2MsgSchemaParser.parse("pkg/msg/Bad", text))
        .isInstanceOfSatisfying(MessageDecodingException.class,
            e -> assertThat(e.kind()).isEqualTo(MessageDecodingException.Kind.SCHEMA_UNPARSABLE))
        .hasMessageContaining("schema pkg/msg/Bad").hasMessageContaining(expected);
  }

  private static MessageField field(MessageType type, String name) {
    return type.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow();
  }
}
