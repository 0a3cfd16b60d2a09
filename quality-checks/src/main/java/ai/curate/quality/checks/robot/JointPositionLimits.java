package ai.curate.quality.checks.robot;

import ai.curate.quality.JointLimits;
import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import ai.curate.quality.rules.Scope;
import ai.curate.quality.rules.Threshold;
import java.util.EnumSet;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Joint positions outside the URDF limits (plus a tolerance). Value: the fraction of steps with a joint position
 * where at least one joint is out of range. The limits come from {@link JointLimits} given to the evaluator.
 */
public final class JointPositionLimits extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;
  private static final String COLUMN = "joint_position";

  public JointPositionLimits() {
    super("joint_position_limits", Scope.TIMESTEP, EnumSet.of(EntityType.EPISODE),
        List.of(ParamSpec.number("tolerance_rad", "allowed excess beyond a limit").min(0).optional(0.0),
            ParamSpec.number("max_fraction", "largest allowed fraction of steps out of limits").min(0).max(1)
                .optional(0.0)),
        "fraction of steps with a joint position outside its URDF limits");
  }

  @Override
  public String measures(Params params) {
    return "fraction of steps with a joint outside its limits";
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
    private final int stepField;
    private final int field;
    private final String column;
    private final double[] lower;
    private final double[] upper;
    private final String unit;
    private final CheckEnvironment environment;
    private double[] values;
    private long steps;
    private long violating;
    private double worstExcess;
    private int worstElement = -1;
    private long worstStep;
    private String mismatch;

    RangeViolations(int stepField, int field, String column, double[] lower, double[] upper, String unit,
                    CheckEnvironment environment) {
      this.stepField = stepField;
      this.field = field;
      this.column = column;
      this.lower = lower;
      this.upper = upper;
      this.unit = unit;
      this.environment = environment;
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
      steps++;
      boolean bad = false;
      for (int j = 0; j < values.length; j++) {
        double v = values[j];
        double excess = Math.max(lower[j] - v, v - upper[j]);
        if (excess > 0) {
          bad = true;
          if (excess > worstExcess) {
            worstExcess = excess;
            worstElement = j;
            worstStep = StepValues.getLong(step, stepField);
          }
        }
      }
      if (bad) {
        violating++;
      }
    }

    @Override
    public Double value() {
      if (mismatch != null || steps == 0) {
        return null;
      }
      return (double) violating / steps;
    }

    @Override
    public String detail() {
      if (mismatch != null) {
        return mismatch;
      }
      if (steps == 0) {
        return "no step has " + column;
      }
      if (worstElement < 0) {
        return null;
      }
      return violating + " of " + steps + " steps; worst " + environment.elementName(column, worstElement) + " "
          + StepValues.brief(worstExcess) + " " + unit + " beyond its limit at step " + worstStep;
    }
  }
}
