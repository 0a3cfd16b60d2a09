package ai.curate.retargeting.kinematics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.retargeting.urdf.Joint;
import ai.curate.retargeting.urdf.RobotModel;
import ai.curate.retargeting.urdf.UrdfParser;
import ai.curate.testing.Fixtures;
import ai.curate.testing.PythonModules;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Forward kinematics agrees with an independent implementation, Orocos KDL (Debian's
 * python3-pykdl driven by tests/kdl/kdl_fk.py), to 1e-9 on random configurations. Skipped, with
 * the reason, when /usr/bin/python3 cannot import PyKDL; CI installs it.
 */
class KdlCrossCheckTest {
  private static final Path PYTHON = PythonModules.PYTHON;
  private static final double TOLERANCE = 1e-9;
  private static final int CONFIGURATIONS = 25;
  private static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void requireKdl() {
    PythonModules.assumeImportable("PyKDL", "python3-pykdl", "the FK cross-check against Orocos KDL");
  }

  static Stream<Arguments> robots() throws Exception {
    Path mimic = Path.of(KdlCrossCheckTest.class.getResource("/urdf/mimic_gripper.urdf").toURI());
    return Stream.of(
        Arguments.of("allegro", (Supplier<Path>) () -> Fixtures.urdf("allegro_hand_right.urdf"), List.of(
            new String[] {null, "link_3.0_tip"}, new String[] {"wrist", "link_15.0_tip"},
            new String[] {"wrist", "link_7.0_tip"}, new String[] {"link_3.0_tip", "link_11.0_tip"},
            new String[] {"link_14.0", "palm"})),
        Arguments.of("leap", (Supplier<Path>) () -> Fixtures.urdf("leap_hand_right.urdf"), List.of(
            new String[] {null, "thumb_tip_head"}, new String[] {"palm_lower", "index_tip_head"},
            new String[] {"fingertip", "thumb_fingertip"}, new String[] {"base", "ring_tip_head"})),
        Arguments.of("neo", (Supplier<Path>) Fixtures::neoUrdf, List.of(
            new String[] {null, "right_index_tip"}, new String[] {"right_wrist", "right_thumb_tip"},
            new String[] {"left_palm", "right_pinky_tip"}, new String[] {"head_camera_optical", "right_wrist"},
            new String[] {"left_sole", "head"}, new String[] {"left_wrist", "left_ring_tip"})),
        Arguments.of("mimic_gripper", (Supplier<Path>) () -> mimic, List.of(
            new String[] {null, "finger_right"}, new String[] {"finger_left", "finger_right"},
            new String[] {"base", "nail"}, new String[] {"lever", "nail"}, new String[] {"slider", "thumb_tip"},
            new String[] {"nail", "turret"})));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("robots")
  void forwardKinematicsMatchesKdl(String label, Supplier<Path> urdfFile, List<String[]> pairs) throws Exception {
    Path urdf = urdfFile.get(); // here, not in robots(): a missing shared fixture skips only its own robot
    RobotModel model = UrdfParser.parse(urdf);
    KinematicTree tree = new KinematicTree(model);
    ForwardKinematics fk = new ForwardKinematics(tree);
    Random random = new Random(label.hashCode());
    ObjectNode request = JSON.createObjectNode();
    request.put("urdf", urdf.toAbsolutePath().toString());
    ArrayNode queries = request.putArray("queries");
    List<double[]> expectedPositions = new ArrayList<>();
    List<double[]> expectedRotations = new ArrayList<>();
    for (int c = 0; c < CONFIGURATIONS; c++) {
      double[] q = randomConfiguration(model, tree, random);
      fk.update(q);
      for (String[] pair : pairs) {
        String base = pair[0] == null ? model.rootLink() : pair[0];
        ObjectNode query = queries.addObject();
        if (pair[0] != null) {
          query.put("base", base);
        }
        query.put("tip", pair[1]);
        ObjectNode joints = query.putObject("joints");
        for (int i = 0; i < q.length; i++) {
          joints.put(tree.coordinateNames().get(i), q[i]);
        }
        Pose pose = fk.pose(pair[1], base);
        expectedPositions.add(pose.position());
        expectedRotations.add(pose.rotation());
      }
    }
    JsonNode results = runKdl(request).get("results");
    assertThat(results.size()).isEqualTo(queries.size());
    double worstPosition = 0;
    double worstRotation = 0;
    for (int k = 0; k < results.size(); k++) {
      JsonNode r = results.get(k);
      for (int i = 0; i < 3; i++) {
        worstPosition = Math.max(worstPosition,
            Math.abs(r.get("position").get(i).asDouble() - expectedPositions.get(k)[i]));
        for (int j = 0; j < 3; j++) {
          worstRotation = Math.max(worstRotation,
              Math.abs(r.get("rotation").get(i).get(j).asDouble() - expectedRotations.get(k)[3 * i + j]));
        }
      }
    }
    assertThat(worstPosition).as("%s: largest position difference to KDL (m)", label).isLessThanOrEqualTo(TOLERANCE);
    assertThat(worstRotation).as("%s: largest rotation-matrix difference to KDL", label).isLessThanOrEqualTo(TOLERANCE);
    // a cross-check that compares nothing proves nothing: the configurations must move the tips
    assertThat(expectedPositions.stream().map(p -> p[0]).distinct().count()).isGreaterThan(CONFIGURATIONS);
  }

  private static double[] randomConfiguration(RobotModel model, KinematicTree tree, Random random) {
    double[] q = new double[tree.dof()];
    for (int i = 0; i < q.length; i++) {
      Joint j = model.joint(tree.coordinateNames().get(i));
      double lo = j.hasPositionLimits() ? j.lower() : -Math.PI;
      double hi = j.hasPositionLimits() ? j.upper() : Math.PI;
      q[i] = lo + (hi - lo) * random.nextDouble();
    }
    return q;
  }

  private static JsonNode runKdl(ObjectNode request) throws IOException, InterruptedException {
    Path script = Fixtures.projectDir().resolve("tests/kdl/kdl_fk.py");
    File in = File.createTempFile("kdl-request", ".json");
    File out = File.createTempFile("kdl-response", ".json");
    File err = File.createTempFile("kdl-stderr", ".txt");
    try {
      JSON.writeValue(in, request);
      Process p = new ProcessBuilder(PYTHON.toString(), script.toString())
          .redirectInput(in).redirectOutput(out).redirectError(err).start();
      assertThat(p.waitFor(300, TimeUnit.SECONDS)).as("kdl_fk.py finished").isTrue();
      assertThat(p.exitValue()).as("kdl_fk.py failed: %s", Files.readString(err.toPath())).isZero();
      return JSON.readTree(out);
    } finally {
      in.delete();
      out.delete();
      err.delete();
    }
  }
}
