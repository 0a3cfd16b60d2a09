package ai.curate.quality.checks.robot;

import ai.curate.quality.JointLimits;
import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;

/**
 * Measured joint velocities beyond the URDF velocity limits (times {@code scale}). Joints without a usable limit
 * (0, negative, not finite) are not checked. Value: the fraction of steps with a velocity where a joint exceeds.
 */
public final class JointVelocityLimits extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;
  private static final String COLUMN = "joint_velocity";

  public JointVelocityLimits() {
    super(JointPositionLimits.urdfLimitSpec("joint_velocity_limits", COLUMN,
        ParamSpec.number("scale", "fraction of the URDF velocity limit allowed").min(0).optional(1.0),
        "steps over the limit")
        .summary("fraction of steps with a joint velocity beyond its URDF limit")
        .measures("fraction of steps with a joint over its velocity limit"));
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
