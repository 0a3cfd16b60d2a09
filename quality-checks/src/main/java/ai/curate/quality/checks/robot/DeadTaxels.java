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
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Dead taxels: a taxel whose reading never changes (range at most {@code epsilon}) over the whole episode while
 * other taxels of the same pad do. Live taxels carry a noise floor, so a bit-exact constant is a dead channel.
 * When no taxel changes at all the pad was idle and nothing can be said (value 0). Value: the number of dead
 * taxels; null when fewer than {@code min_steps} steps have the pad.
 */
public final class DeadTaxels extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public DeadTaxels() {
    super(CheckSpec.timestep("dead_taxels", EntityType.EPISODE)
        .params(ParamSpec.string("column", "tactile column").choices(List.of("tactile_left", "tactile_right")),
            ParamSpec.number("epsilon", "largest range still counted as constant").min(0).optional(0.0),
            ParamSpec.integer("max_count", "dead taxels allowed").min(0).optional(0L),
            ParamSpec.integer("min_steps", "steps with the pad needed to judge").min(2).optional(10L))
        .summary("number of taxels constant over the episode while others change")
        .measures(p -> "dead taxels in " + p.string("column"))
        .atMost("max_count").inputFromParam("column"));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    return new Metric(schema.index(params.string("column")), params.string("column"), params.number("epsilon"),
        params.integer("min_steps"));
  }

  static final class Metric implements SequenceMetric {
    private final int field;
    private final String column;
    private final double epsilon;
    private final int minSteps;
    private double[] values;
    private double[] min;
    private double[] max;
    private long steps;

    Metric(int field, String column, double epsilon, int minSteps) {
      this.field = field;
      this.column = column;
      this.epsilon = epsilon;
      this.minSteps = minSteps;
    }

    @Override
    public void accept(Row step) {
      values = StepValues.doubles(step, field, values);
      if (values == null) {
        return;
      }
      if (min == null || min.length != values.length) {
        min = new double[values.length];
        max = new double[values.length];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        steps = 0;
      }
      steps++;
      for (int j = 0; j < values.length; j++) {
        double v = values[j];
        if (!Double.isNaN(v)) {
          min[j] = Math.min(min[j], v);
          max[j] = Math.max(max[j], v);
        }
      }
    }

    private boolean varies(int j) {
      return max[j] - min[j] > epsilon;
    }

    @Override
    public Double value() {
      if (steps < minSteps) {
        return null;
      }
      int dead = 0;
      boolean anyVaries = false;
      for (int j = 0; j < min.length; j++) {
        if (varies(j)) {
          anyVaries = true;
        } else {
          dead++;
        }
      }
      return anyVaries ? (double) dead : 0.0;
    }

    @Override
    public String detail() {
      if (steps < minSteps) {
        return "only " + steps + " steps have " + column + " (need " + minSteps + ")";
      }
      StringBuilder dead = new StringBuilder();
      int count = 0;
      boolean anyVaries = false;
      for (int j = 0; j < min.length; j++) {
        if (varies(j)) {
          anyVaries = true;
        } else if (count++ < 8) {
          dead.append(dead.length() == 0 ? "" : ", ").append(j);
        }
      }
      if (!anyVaries) {
        return "no taxel changed: the pad was idle";
      }
      return count == 0 ? null : "dead taxels " + dead + (count > 8 ? " and " + (count - 8) + " more" : "");
    }
  }
}
