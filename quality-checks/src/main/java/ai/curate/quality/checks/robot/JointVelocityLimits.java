package ai.curate.quality.checks.robot;

import ai.curate.quality.JointLimits;
import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import ai.curate.quality.rules.Scope;
import ai.curate.quality.rules.Threshold;
import java.util.EnumSet;
import java.util.List;

/**
 * Measured joint velocities beyond the URDF velocity limits (times {@code scale}). Joints without a usable limit
 * (0, negative, not finite) are not checked. Value: the fraction of steps with a velocity where a joint exceeds.
 */
public final class JointVelocityLimits extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;
  private static final String COLUMN = "joint_velocity";

  public JointVelocityLimits() {
    super("joint_velocity_limits", Scope.TIMESTEP, EnumSet.of(EntityType.EPISODE),
        List.of(ParamSpec.number("scale", "fraction of the URDF velocity limit allowed").min(0).optional(1.0),
            ParamSpec.number("max_fraction", "largest allowed fraction of steps over the limit").min(0).max(1)
                .optional(0.0)),
        "fraction of steps with a joint velocity beyond its URDF limit");
  }

  @Override
  public String measures(Params params) {
    return "fraction of steps with a joint over its velocity limit";
  }

  @Override
  public Threshold threshold(Params params) {
    return Threshold.atMost(params.number("max_fraction"));
  }

  @Override
  public List<String> inputColumns(Params params) {
    return List.of(COLUMN);
  }

  @Override
  public boolean needsJointLimits(Params params) {
    return true;
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    JointLimits limits = environment.jointLimits();
    double scale = params.number("scale");
    int n = limits.size();
    double[] lower = new double[n];
    double[] upper = new double[n];
    for (int j = 0; j < n; j++) {
      double v = limits.velocity()[j];
      double limit = v > 0 && Double.isFinite(v) ? v * scale : Double.POSITIVE_INFINITY;
      lower[j] = -limit;
      upper[j] = limit;
    }
    return new JointPositionLimits.RangeViolations(schema.stepIndex(), schema.index(COLUMN), COLUMN, lower, upper,
        "rad/s", environment);
  }
}
