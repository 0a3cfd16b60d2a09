package ai.curate.quality.checks;

import ai.curate.quality.JointLimits;
import java.io.Serializable;
import java.util.Set;

/** What checks may need beyond their parameters: the robot's joint limits (optional). Travels to executors. */
public record CheckEnvironment(JointLimits jointLimits) implements Serializable {
  /** Timestep columns whose arrays are in the canonical joint order, so element i is joint i. */
  public static final Set<String> JOINT_ARRAYS = Set.of("joint_position", "joint_velocity", "joint_effort", "action");

  public static CheckEnvironment none() {
    return new CheckEnvironment(null);
  }

  /** A readable name of element {@code i} of {@code column}: {@code joint_position[7] (l_elbow)} when known. */
  public String elementName(String column, int i) {
    String base = column + "[" + i + "]";
    if (jointLimits != null && JOINT_ARRAYS.contains(column) && i < jointLimits.size()) {
      return base + " (" + jointLimits.names().get(i) + ")";
    }
    return base;
  }
}
