package ai.curate.quality.checks.robot;

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
 * Joint accelerations, as the change of measured velocity between consecutive steps that both have a velocity,
 * divided by their time difference. URDF has no acceleration limits, so the limit is a parameter (rad/s²).
 * Value: the fraction of such step pairs where some joint exceeds it.
 */
public final class JointAccelerationLimits extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;
  private static final String COLUMN = "joint_velocity";

  public JointAccelerationLimits() {
    super("joint_acceleration_limits", Scope.TIMESTEP, EnumSet.of(EntityType.EPISODE),
        List.of(ParamSpec.number("max_rad_s2", "largest allowed joint acceleration").min(0),
            ParamSpec.number("max_fraction", "largest allowed fraction of step pairs over the limit").min(0).max(1)
                .optional(0.0)),
        "fraction of consecutive step pairs with a joint acceleration beyond a limit");
  }

  @Override
  public String measures(Params params) {
    return "fraction of step pairs with a joint over " + Threshold.format(params.number("max_rad_s2"))
        + " rad/s²";
  }

  @Override
  public Threshold threshold(Params params) {
    return Threshold.atMost(params.number("max_fraction"));
  }

  @Override
  public List<String> inputColumns(Params params) {
    return List.of(COLUMN, StepSchema.TS_NS);
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    return new Metric(schema.stepIndex(), schema.tsNs(), schema.index(COLUMN), params.number("max_rad_s2"),
        environment);
  }

  static final class Metric implements SequenceMetric {
    private final int stepField;
    private final int tsField;
    private final int field;
    private final double limit;
    private final CheckEnvironment environment;
    private double[] previous;
    private double[] current;
    private long previousTs;
    private long pairs;
    private long violating;
    private double worst;
    private int worstJoint = -1;
    private long worstStep;

    Metric(int stepField, int tsField, int field, double limit, CheckEnvironment environment) {
      this.stepField = stepField;
      this.tsField = tsField;
      this.field = field;
      this.limit = limit;
      this.environment = environment;
    }

    @Override
    public void accept(Row step) {
      current = StepValues.doubles(step, field, current);
      if (current == null || step.isNullAt(tsField)) {
        dropPrevious();
        return;
      }
      long ts = StepValues.getLong(step, tsField);
      if (previous != null && previous.length == current.length && ts > previousTs) {
        double dt = (ts - previousTs) / 1e9;
        pairs++;
        boolean bad = false;
        for (int j = 0; j < current.length; j++) {
          double a = Math.abs(current[j] - previous[j]) / dt;
          if (a > limit) {
            bad = true;
            if (a > worst) {
              worst = a;
              worstJoint = j;
              worstStep = StepValues.getLong(step, stepField);
            }
          }
        }
        if (bad) {
          violating++;
        }
      }
      double[] t = previous;
      previous = current;
      current = t;
      previousTs = ts;
    }

    private void dropPrevious() {
      if (previous != null) {
        current = previous;
        previous = null;
      }
    }

    @Override
    public Double value() {
      return pairs == 0 ? null : (double) violating / pairs;
    }

    @Override
    public String detail() {
      if (pairs == 0) {
        return "fewer than two consecutive steps with joint_velocity";
      }
      return worstJoint < 0 ? null : violating + " of " + pairs + " step pairs; worst "
          + environment.elementName(COLUMN, worstJoint) + " " + StepValues.brief(worst) + " rad/s² at step "
          + worstStep;
    }
  }
}
