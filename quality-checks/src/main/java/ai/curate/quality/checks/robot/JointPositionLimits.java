package ai.curate.quality.checks.robot;

import ai.curate.quality.JointLimits;
import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.ElementViolations;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import org.apache.spark.sql.Row;

/**
 * Joint positions outside the URDF limits (plus a tolerance). Value: the fraction of steps with a joint position
 * where at least one joint is out of range. The limits come from {@link JointLimits} given to the evaluator.
 */
public final class JointPositionLimits extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;
  private static final String COLUMN = "joint_position";

  public JointPositionLimits() {
    super(urdfLimitSpec("joint_position_limits", COLUMN,
        ParamSpec.number("tolerance_rad", "allowed excess beyond a limit").min(0).optional(0.0), "steps out of limits")
        .summary("fraction of steps with a joint position outside its URDF limits")
        .measures("fraction of steps with a joint outside its limits"));
  }

  /**
   * What the joint limit checks share: an episode check of {@code column} against the URDF limits, widened or
   * scaled by {@code allowance}, whose value (the fraction of steps out of range) is at most the optional
   * {@code max_fraction}.
   */
  static CheckSpec.Builder urdfLimitSpec(String name, String column, ParamSpec allowance, String outOfRange) {
    return CheckSpec.timestep(name, EntityType.EPISODE).params(allowance, maxFraction(outOfRange))
        .atMost("max_fraction").inputs(column).needsJointLimits();
  }

  /** The optional {@code max_fraction} parameter of the joint limit checks. */
  static ParamSpec maxFraction(String of) {
    return ParamSpec.number("max_fraction", "largest allowed fraction of " + of).min(0).max(1)
        .optional(0.0);
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    JointLimits limits = environment.jointLimits();
    double tolerance = params.number("tolerance_rad");
    double[] lower = limits.lower().clone();
    double[] upper = limits.upper().clone();
    for (int j = 0; j < lower.length; j++) {
      lower[j] -= tolerance;
      upper[j] += tolerance;
    }
    return new RangeViolations(schema.stepIndex(), schema.index(COLUMN), COLUMN, lower, upper, "rad",
        environment);
  }

  /** Counts steps where any element lies outside [lower, upper]; remembers the worst excess. */
  static final class RangeViolations implements SequenceMetric {
    private final int field;
    private final String column;
    private final double[] lower;
    private final double[] upper;
    private final String unit;
    private final CheckEnvironment environment;
    private final ElementViolations violations;
    private double[] values;
    private String mismatch;

    RangeViolations(int stepField, int field, String column, double[] lower, double[] upper, String unit,
        CheckEnvironment environment) {
      this.field = field;
      this.column = column;
      this.lower = lower;
      this.upper = upper;
      this.unit = unit;
      this.environment = environment;
      this.violations = new ElementViolations(stepField);
    }

    @Override
    public void accept(Row step) {
      values = StepValues.doubles(step, field, values);
      if (values == null) {
        return;
      }
      if (values.length != lower.length) {
        mismatch = column + " has " + values.length + " values but the limits cover " + lower.length
            + " joints: the arrays are not in the limits' joint order";
        return;
      }
      violations.startUnit();
      for (int j = 0; j < values.length; j++) {
        double excess = Math.max(lower[j] - values[j], values[j] - upper[j]);
        if (excess > 0) {
          violations.violation(j, excess, step);
        }
      }
    }

    @Override
    public Double value() {
      return mismatch != null ? null : violations.fraction();
    }

    @Override
    public String detail() {
      if (mismatch != null) {
        return mismatch;
      }
      if (violations.units() == 0) {
        return "no step has " + column;
      }
      return violations.describe("steps", environment, column, unit + " beyond its limit");
    }
  }
}
