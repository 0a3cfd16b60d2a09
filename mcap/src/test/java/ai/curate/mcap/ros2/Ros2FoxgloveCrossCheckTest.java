package ai.curate.mcap.ros2;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.mcap.NodeCrossCheck;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the CDR decoder and encoder against Foxglove's TypeScript implementation (ros2-encode.mjs, ros2-decode.mjs):
 * bytes Foxglove wrote decode here to the expected values, and bytes written here decode there to the same values.
 * Foxglove's MessageWriter only writes CDR_LE; the other plain representations go through its CdrWriter with a kind.
 * Delimited CDR2 is not covered: Foxglove's MessageReader does not read DHEADERs (CdrDelimitedTest covers it).
 * Strings are ASCII here because Foxglove's CdrWriter sizes strings by UTF-16 units.
 */
class Ros2FoxgloveCrossCheckTest {
  private static final List<CdrRepresentation> PLAIN = List.of(CdrRepresentation.CDR_LE, CdrRepresentation.CDR_BE,
      CdrRepresentation.CDR2_LE, CdrRepresentation.CDR2_BE);

  record Case(String id, String schemaName, String schemaText, Map<String, Object> message) {
    MessageSchema schema() {
      return Ros2MsgSchemaParser.parse(schemaName, schemaText);
    }
  }

  /** A case in one of the plain representations; its id names its .cdr file. */
  record Encoded(Case c, CdrRepresentation representation) {
    String id() {
      return c.id() + "-" + representation;
    }
  }

  @BeforeAll
  static void nodeAndPackages() {
    NodeCrossCheck.assumeAvailable();
  }

  static List<Case> cases() {
    Map<String, Object> log = Ros2Samples.log();
    log.put("msg", "tendon slack detected");
    Map<String, Object> arrays = Ros2Samples.arrays();
    arrays.put("strings", List.of("", "a", "xyz"));
    return List.of(new Case("JointState", "sensor_msgs/msg/JointState", Ros2Schemas.JOINT_STATE,
        Ros2Samples.jointState()),
        new Case("WrenchStamped", "geometry_msgs/msg/WrenchStamped", Ros2Schemas.WRENCH_STAMPED,
            Ros2Samples.wrenchStamped()),
        new Case("Float32MultiArray", "std_msgs/msg/Float32MultiArray", Ros2Schemas.FLOAT32_MULTI_ARRAY,
            Ros2Samples.float32MultiArray()),
        new Case("CompressedImage", "sensor_msgs/msg/CompressedImage", Ros2Schemas.COMPRESSED_IMAGE,
            Ros2Samples.compressedImage()),
        new Case("Log", "rcl_interfaces/msg/Log", Ros2Schemas.LOG, log),
        new Case("BasicTypesMax", "test_msgs/msg/BasicTypes", Ros2Schemas.BASIC_TYPES, Ros2Samples.basicTypesMax()),
        new Case("BasicTypesMin", "test_msgs/msg/BasicTypes", Ros2Schemas.BASIC_TYPES, Ros2Samples.basicTypesMin()),
        new Case("BasicTypesNonFinite", "test_msgs/msg/BasicTypes", Ros2Schemas.BASIC_TYPES,
            Ros2Samples.basicTypesNonFinite()),
        new Case("Arrays", "curate_test/msg/Arrays", Ros2Schemas.ARRAYS, arrays),
        new Case("ArraysEmpty", "curate_test/msg/Arrays", Ros2Schemas.ARRAYS, Ros2Samples.arraysEmpty()));
  }

  /** Every case in every plain representation, the set both directions cross-check. */
  static List<Encoded> encodedCases() {
    List<Encoded> out = new ArrayList<>();
    for (Case c : cases()) {
      for (CdrRepresentation representation : PLAIN) {
        out.add(new Encoded(c, representation));
      }
    }
    return out;
  }

  @Test
  void decodesWhatFoxgloveEncoded(@TempDir Path dir) throws Exception {
    List<Map<String, Object>> specs = new ArrayList<>();
    Map<String, Case> byId = new HashMap<>();
    for (Encoded e : encodedCases()) {
      specs.add(spec(e.id(), e.c().schemaText(), e.representation().id(), FoxgloveJson.of(e.c().schema(),
          e.c().message())));
      byId.put(e.id(), e.c());
    }
    runNode("ros2-encode.mjs", specs, dir);
    for (Map.Entry<String, Case> entry : byId.entrySet()) {
      Case c = entry.getValue();
      byte[] bytes = Files.readAllBytes(dir.resolve(entry.getKey() + ".cdr"));
      Map<String, Object> decoded = new CdrMessageDecoder(c.schema()).decode(bytes);
      assertThat(Ros2Samples.comparable(decoded)).as(entry.getKey())
          .isEqualTo(Ros2Samples.comparable(c.message()));
    }
    // Foxglove's own MessageWriter (CDR_LE) and this encoder agree byte for byte.
    for (Case c : cases()) {
      assertThat(new CdrMessageEncoder(c.schema()).encode(c.message(), CdrRepresentation.CDR_LE)).as(c.id())
          .isEqualTo(Files.readAllBytes(dir.resolve(c.id() + "-CDR_LE.cdr")));
    }
  }

  @Test
  void foxgloveDecodesWhatWeEncoded(@TempDir Path dir) throws Exception {
    List<Map<String, Object>> specs = new ArrayList<>();
    Map<String, JsonNode> expected = new HashMap<>();
    for (Encoded e : encodedCases()) {
      Case c = e.c();
      Files.write(dir.resolve(e.id() + ".cdr"), new CdrMessageEncoder(c.schema()).encode(c.message(),
          e.representation()));
      specs.add(spec(e.id(), c.schemaText(), e.representation().id(), null));
      expected.put(e.id(), FoxgloveJson.MAPPER.valueToTree(FoxgloveJson.of(c.schema(), c.message())));
    }
    String out = runNode("ros2-decode.mjs", specs, dir);
    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(specs.size());
    for (String line : lines) {
      JsonNode result = FoxgloveJson.MAPPER.readTree(line);
      String id = result.get("id").asText();
      assertThat(result.get("trailing").asBoolean()).as(id + " read to the end").isFalse();
      assertThat(FoxgloveJson.comparable(result.get("value"))).as(id)
          .isEqualTo(FoxgloveJson.comparable(expected.get(id)));
    }
  }

  /** Runs {@code script} on the case specs, written to {@code dir}/cases.json; the script's .cdr files go to dir. */
  private static String runNode(String script, List<Map<String, Object>> specs, Path dir) throws Exception {
    Path casesFile = dir.resolve("cases.json");
    FoxgloveJson.MAPPER.writeValue(casesFile.toFile(), specs);
    return NodeCrossCheck.run(script, casesFile.toString(), dir.toString());
  }

  private static Map<String, Object> spec(String id, String schemaText, int kind, Object message) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("id", id);
    spec.put("schemaText", schemaText);
    spec.put("kind", kind);
    spec.put("message", message);
    return spec;
  }
}
