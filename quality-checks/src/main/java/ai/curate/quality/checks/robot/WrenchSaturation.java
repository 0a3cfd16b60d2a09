package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import org.apache.spark.sql.Row;

/**
 * Force/torque sensor saturation: a component at or beyond the sensor's range, where readings clip and stop
 * meaning anything. Value: the fraction of steps with a wrench where any component saturates.
 */
public final class WrenchSaturation extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public WrenchSaturation() {
    super(CheckSpec.timestep("wrench_saturation", EntityType.EPISODE)
        .params(WrenchSpikes.wrenchColumn(),
            ParamSpec.number("force_range_n", "sensor force range per axis (N)").min(0),
            ParamSpec.number("torque_range_nm", "sensor torque range per axis (N·m)").min(0),
            ParamSpec.number("max_fraction", "largest allowed fraction of saturated steps").min(0).max(1)
                .optional(0.0))
        .summary("fraction of steps where a force or torque component reaches the sensor range")
        .measures(p -> "fraction of steps with " + p.string("column") + " saturated")
        .atMost("max_fraction").inputFromParam("column"));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    int field = schema.index(params.string("column"));
    double forceRange = params.number("force_range_n");
    double torqueRange = params.number("torque_range_nm");
    int stepField = schema.stepIndex();
    return new SequenceMetric() {
      double[] values;
      long steps;
      long saturated;
      long firstStep = -1;

      @Override
      public void accept(Row step) {
        values = StepValues.doubles(step, field, values);
        if (values == null || values.length < 6) {
          return;
        }
        steps++;
        boolean sat = false;
        for (int k = 0; k < 6; k++) {
          sat |= Math.abs(values[k]) >= (k < 3 ? forceRange : torqueRange);
        }
        if (sat) {
          saturated++;
          if (firstStep < 0) {
            firstStep = StepValues.getLong(step, stepField);
          }
        }
      }

      @Override
      public Double value() {
        return steps == 0 ? null : (double) saturated / steps;
      }

      @Override
      public String detail() {
        if (steps == 0) {
          return "no step has a wrench";
        }
        return firstStep < 0 ? null : saturated + " of " + steps + " steps, first at step " + firstStep;
      }
    };
  }
}
