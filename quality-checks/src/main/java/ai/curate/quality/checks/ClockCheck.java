package ai.curate.quality.checks;

import ai.curate.quality.rules.Params;
import java.io.Serializable;
import java.util.function.Function;

/**
 * A timestep check that reads only the steps' timestamps ({@link StepSchema#TS_NS}): its metric is a
 * {@link ClockMetric} built from the schema alone, whatever the rule's parameters and environment.
 */
public abstract class ClockCheck extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  /** Builds the check's metric; serializable, since checks travel to executors. */
  @FunctionalInterface
  public interface MetricFactory extends Function<StepSchema, ClockMetric>, Serializable {}

  private final MetricFactory metric;

  /** {@code spec} without its inputs: the timestamp column is added here. */
  protected ClockCheck(CheckSpec.Builder spec, MetricFactory metric) {
    super(spec.inputs(StepSchema.TS_NS));
    this.metric = metric;
  }

  @Override
  public final SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    return metric.apply(schema);
  }
}
