package ai.curate.quality.eval;

import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepFraction;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.Params;
import java.io.Serializable;

/** Creates the per-entity metric of one timestep rule on the executor. */
interface MetricFactory extends Serializable {
  String ruleName();

  SequenceMetric create(StepSchema schema, CheckEnvironment environment);

  /** A built-in timestep check with its parameters. */
  record Builtin(String ruleName, TimestepCheck check, Params params) implements MetricFactory {
    @Override
    public SequenceMetric create(StepSchema schema, CheckEnvironment environment) {
      return check.newMetric(params, schema, environment);
    }
  }

  /** A timestep expr rule: Spark evaluated the expression into a boolean column; count where it does not hold. */
  record Expression(String ruleName, String column) implements MetricFactory {
    @Override
    public SequenceMetric create(StepSchema schema, CheckEnvironment environment) {
      int field = schema.index(column);
      return StepFraction.ofNotTrue(field);
    }
  }
}
