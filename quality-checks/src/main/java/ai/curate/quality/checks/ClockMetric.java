package ai.curate.quality.checks;

import org.apache.spark.sql.Row;

/**
 * A {@link SequenceMetric} that judges the steps' timestamps: it owns the {@link StepClock} and names a finding by
 * the step's {@code step_index}.
 */
public abstract class ClockMetric implements SequenceMetric {
  protected final StepClock clock;
  private final int stepField;

  protected ClockMetric(StepSchema schema) {
    this.stepField = schema.stepIndex();
    this.clock = new StepClock(schema.tsNs());
  }

  /** The {@code step_index} of {@code step}. */
  protected long stepIndex(Row step) {
    return StepValues.getLong(step, stepField);
  }
}
