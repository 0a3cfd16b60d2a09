package ai.curate.quality.checks;

import ai.curate.quality.JointLimits;
import ai.curate.quality.TestTable;
import ai.curate.quality.rules.Params;
import java.util.Map;
import org.apache.spark.sql.Row;

/** Drives a timestep check's metric over hand-made rows, as the sequence pass would, without Spark. */
final class MetricHarness {
  private MetricHarness() {}

  static Params params(BuiltinCheck check, Map<String, Object> raw) {
    return Params.validate(check.params(), raw, (key, message) -> {
      throw new AssertionError("bad test params " + key + ": " + message);
    });
  }

  static SequenceMetric run(TimestepCheck check, Map<String, Object> raw, TestTable steps) {
    return run(check, raw, steps, CheckEnvironment.none());
  }

  static SequenceMetric run(TimestepCheck check, Map<String, Object> raw, TestTable steps, JointLimits limits) {
    return run(check, raw, steps, new CheckEnvironment(limits));
  }

  private static SequenceMetric run(TimestepCheck check, Map<String, Object> raw, TestTable steps,
      CheckEnvironment environment) {
    SequenceMetric metric = check.newMetric(params(check, raw), new StepSchema(steps.schema()), environment);
    for (Row row : steps.rows()) {
      metric.accept(row);
    }
    return metric;
  }
}
