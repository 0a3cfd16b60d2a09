package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.ArrayPair;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Force/torque spikes: a jump of the force vector (elements 0-2) or torque vector (3-5) between consecutive grid
 * steps that both have a wrench, larger than physical contact produces in one step. Value: the number of jumps.
 */
public final class WrenchSpikes extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public WrenchSpikes() {
    super(CheckSpec.timestep("wrench_spikes", EntityType.EPISODE)
        .params(wrenchColumn(),
            ParamSpec.number("max_force_jump_n", "largest allowed force change per step (N)").min(0),
            ParamSpec.number("max_torque_jump_nm", "largest allowed torque change per step (N·m)").min(0),
            ParamSpec.integer("max_count", "jumps allowed").min(0).optional(0L))
        .summary("number of steps where force or torque jumps by more than a limit")
        .measures(p -> p.string("column") + " jumps")
        .atMost("max_count").inputFromParam("column"));
  }

  /** The {@code column} parameter of the wrench checks. */
  static ParamSpec wrenchColumn() {
    return ParamSpec.string("column", "wrench column").choices(List.of("wrench_left", "wrench_right"));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    return new Metric(schema.stepIndex(), schema.index(params.string("column")), params.number("max_force_jump_n"),
        params.number("max_torque_jump_nm"));
  }

  static final class Metric implements SequenceMetric {
    private final int stepField;
    private final ArrayPair wrenches;
    private final double maxForceJump;
    private final double maxTorqueJump;
    private long jumps;
    private double worstForce;
    private double worstTorque;
    private long worstStep = -1;

    Metric(int stepField, int field, double maxForceJump, double maxTorqueJump) {
      this.stepField = stepField;
      this.wrenches = new ArrayPair(field);
      this.maxForceJump = maxForceJump;
      this.maxTorqueJump = maxTorqueJump;
    }

    @Override
    public void accept(Row step) {
      double[] current = wrenches.read(step);
      if (current == null || current.length < 6) {
        wrenches.forget();
        return;
      }
      double[] previous = wrenches.previous();
      if (previous != null) {
        double df = norm3(current, previous, 0);
        double dt = norm3(current, previous, 3);
        if (df > maxForceJump || dt > maxTorqueJump) {
          jumps++;
          if (df / maxForceJump + dt / maxTorqueJump > worstForce / maxForceJump + worstTorque / maxTorqueJump) {
            worstForce = df;
            worstTorque = dt;
            worstStep = StepValues.getLong(step, stepField);
          }
        }
      }
      wrenches.advance();
    }

    private static double norm3(double[] a, double[] b, int from) {
      double x = a[from] - b[from];
      double y = a[from + 1] - b[from + 1];
      double z = a[from + 2] - b[from + 2];
      return Math.sqrt(x * x + y * y + z * z);
    }

    @Override
    public Double value() {
      return (double) jumps;
    }

    @Override
    public String detail() {
      return worstStep < 0
          ? null
          : "largest at step " + worstStep + ": force " + StepValues.brief(worstForce)
              + " N, torque " + StepValues.brief(worstTorque) + " N·m";
    }
  }
}
