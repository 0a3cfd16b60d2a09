package ai.curate.quality;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-joint limits in the canonical joint order (the robot's URDF: actuated, non-mimic joints in file order), as the
 * quality stage reads them from the robot model. Arrays are parallel to {@code names}; {@code velocity} may be null
 * when the model has no velocity limits (then the velocity check cannot run). A velocity limit of 0, negative or
 * not finite means "no limit" for that joint.
 */
public record JointLimits(List<String> names, double[] lower, double[] upper, double[] velocity)
    implements
      Serializable {

  public JointLimits {
    names = List.copyOf(names);
    List<String> problems = new ArrayList<>();
    if (lower == null || upper == null) {
      problems.add("lower and upper limits are required");
    } else {
      if (lower.length != names.size() || upper.length != names.size()) {
        problems.add(names.size() + " joint names but " + lower.length + " lower and " + upper.length
            + " upper limits");
      } else {
        for (int i = 0; i < names.size(); i++) {
          if (!(lower[i] <= upper[i])) {
            problems.add("joint '" + names.get(i) + "': lower " + lower[i] + " is not <= upper " + upper[i]);
          }
        }
      }
    }
    if (velocity != null && velocity.length != names.size()) {
      problems.add(names.size() + " joint names but " + velocity.length + " velocity limits");
    }
    if (!problems.isEmpty()) {
      throw new QualityRuleException("joint limits", problems);
    }
    lower = lower.clone();
    upper = upper.clone();
    velocity = velocity == null ? null : velocity.clone();
  }

  public int size() {
    return names.size();
  }

  public boolean hasVelocityLimits() {
    return velocity != null;
  }
}
