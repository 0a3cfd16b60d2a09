package ai.curate.retargeting.cli;

import ai.curate.retargeting.kinematics.FkResult;
import ai.curate.retargeting.kinematics.ForwardKinematics;
import ai.curate.retargeting.kinematics.KinematicTree;
import ai.curate.retargeting.urdf.RobotModel;
import ai.curate.retargeting.urdf.UrdfParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The logic behind {@code curate fk --urdf FILE --tip LINK [--base LINK] --joints name=value,...}.
 * Every user error (bad file, unknown link or joint, malformed joint list) is an
 * {@link IllegalArgumentException} with a one-line message, for the CLI to print as is.
 */
public final class FkTool {
  private static final ObjectMapper JSON = new ObjectMapper();

  private FkTool() {}

  /**
   * @param base the link whose frame the pose is expressed in; null or blank for the URDF's root
   * @param joints {@code name=value} pairs separated by commas (radians, metres for prismatic);
   *     joints not listed are 0, mimic joints follow their source; null or blank for all zero
   * @return the {@link FkResult} as one line of JSON
   */
  public static String run(Path urdf, String tip, String base, String joints) {
    return run(urdf, tip, base, joints, w -> {});
  }

  /** @param warnings receives the model's one-line warning (what the lenient parse ignored), if any */
  public static String run(Path urdf, String tip, String base, String joints, Consumer<String> warnings) {
    RobotModel model = UrdfParser.parse(urdf);
    model.warning().ifPresent(warnings);
    FkResult r = compute(model, tip, base, joints);
    try {
      return JSON.writeValueAsString(r);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static FkResult compute(RobotModel model, String tip, String base, String joints) {
    if (tip == null || tip.isBlank()) {
      throw new IllegalArgumentException("--tip is required: the link whose pose to print");
    }
    String baseLink = base == null || base.isBlank() ? model.rootLink() : base.trim();
    KinematicTree tree = new KinematicTree(model);
    double[] q = tree.zeroConfiguration();
    for (Map.Entry<String, Double> e : parseJointValues(joints).entrySet()) {
      q[tree.coordinateIndex(e.getKey())] = e.getValue();
    }
    ForwardKinematics fk = new ForwardKinematics(tree);
    fk.update(q);
    return FkResult.of(baseLink, tip.trim(), fk.pose(tip.trim(), baseLink));
  }

  /** Parses {@code a=0.1, b=-2e-1}; the order is kept, a name given twice is an error. */
  public static Map<String, Double> parseJointValues(String spec) {
    Map<String, Double> out = new LinkedHashMap<>();
    if (spec == null || spec.isBlank()) {
      return out;
    }
    for (String item : spec.split(",")) {
      String s = item.trim();
      if (s.isEmpty()) {
        continue;
      }
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        throw new IllegalArgumentException(
            "--joints item '" + s + "' is not name=value (e.g. --joints elbow=0.5,knee=1.2)");
      }
      String name = s.substring(0, eq).trim();
      String value = s.substring(eq + 1).trim();
      double v;
      try {
        v = Double.parseDouble(value);
      } catch (NumberFormatException ex) {
        throw new IllegalArgumentException(
            "--joints value for '" + name + "' is '" + value + "', not a number (radians)");
      }
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("--joints value for '" + name + "' must be finite, got '" + value + "'");
      }
      if (out.put(name, v) != null) {
        throw new IllegalArgumentException("--joints sets '" + name + "' twice");
      }
    }
    return out;
  }
}
