package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.ArrayPair;
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
import ai.curate.quality.rules.Threshold;
import org.apache.spark.sql.Row;

/**
 * Joint accelerations, as the change of measured velocity between consecutive steps that both have a velocity,
 * divided by their time difference. URDF has no acceleration limits, so the limit is a parameter (rad/s²).
 * Value: the fraction of such step pairs where some joint exceeds it.
 */
public final class JointAccelerationLimits extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;
  private static final String COLUMN = "joint_velocity";

  public JointAccelerationLimits() {
    super(CheckSpec.timestep("joint_acceleration_limits", EntityType.EPISODE)
        .params(ParamSpec.number("max_rad_s2", "largest allowed joint acceleration").min(0),
            JointPositionLimits.maxFraction("step pairs over the limit"))
        .summary("fraction of consecutive step pairs with a joint acceleration beyond a limit")
        .measures(p -> "fraction of step pairs with a joint over " + Threshold.format(p.number("max_rad_s2"))
            + " rad/s²")
        .atMost("max_fraction").inputs(COLUMN, StepSchema.TS_NS));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    return new Metric(schema.stepIndex(), schema.tsNs(), schema.index(COLUMN), params.number("max_rad_s2"),
        environment);
  }

  static final class Metric implements SequenceMetric {
    private final int tsField;
    private final double limit;
    private final CheckEnvironment environment;
    private final ArrayPair velocities;
    private final ElementViolations violations;
    private long previousTs;

    Metric(int stepField, int tsField, int field, double limit, CheckEnvironment environment) {
      this.tsField = tsField;
      this.limit = limit;
      this.environment = environment;
      this.velocities = new ArrayPair(field);
      this.violations = new ElementViolations(stepField);
    }

    @Override
    public void accept(Row step) {
      double[] current = velocities.read(step);
      if (current == null || step.isNullAt(tsField)) {
        velocities.forget();
        return;
      }
      long ts = StepValues.getLong(step, tsField);
      if (velocities.comparable() && ts > previousTs) {
        double[] previous = velocities.previous();
        double dt = (ts - previousTs) / 1e9;
        violations.startUnit();
        for (int j = 0; j < current.length; j++) {
          double a = Math.abs(current[j] - previous[j]) / dt;
          if (a > limit) {
            violations.violation(j, a, step);
          }
        }
      }
      velocities.advance();
      previousTs = ts;
    }

    @Override
    public Double value() {
      return violations.fraction();
    }

    @Override
    public String detail() {
      if (violations.units() == 0) {
        return "fewer than two consecutive steps with joint_velocity";
      }
      return violations.describe("step pairs", environment, COLUMN, "rad/s²");
    }
  }
}
