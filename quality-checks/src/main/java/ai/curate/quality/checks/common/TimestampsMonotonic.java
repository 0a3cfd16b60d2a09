package ai.curate.quality.checks.common;

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

/** Steps in {@code step_index} order must have strictly increasing {@code ts_ns}. Value: how many do not. */
public final class TimestampsMonotonic extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public TimestampsMonotonic() {
    super("timestamps_monotonic", Scope.TIMESTEP, EnumSet.allOf(EntityType.class),
        List.of(ParamSpec.integer("max_count", "steps allowed to go back or repeat in time").min(0).optional(0L)),
        "steps whose ts_ns is not after the previous step's (in step_index order)");
  }

  @Override
  public String measures(Params params) {
    return "steps not later than their predecessor";
  }

  @Override
  public Threshold threshold(Params params) {
    return Threshold.atMost(params.integer("max_count"));
  }

  @Override
  public List<String> inputColumns(Params params) {
    return List.of(StepSchema.TS_NS);
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    return new Metric(schema.stepIndex(), schema.tsNs());
  }

  static final class Metric implements SequenceMetric {
    private final int stepField;
    private final int tsField;
    private boolean havePrevious;
    private long previousTs;
    private long count;
    private String first;

    Metric(int stepField, int tsField) {
      this.stepField = stepField;
      this.tsField = tsField;
    }

    @Override
    public void accept(Row step) {
      if (step.isNullAt(tsField)) {
        return;
      }
      long ts = StepValues.getLong(step, tsField);
      if (havePrevious && ts <= previousTs) {
        count++;
        if (first == null) {
          first = "first at step " + StepValues.getLong(step, stepField) + " (ts_ns " + ts + " after " + previousTs
              + ")";
        }
      }
      havePrevious = true;
      previousTs = ts;
    }

    @Override
    public Double value() {
      return (double) count;
    }

    @Override
    public String detail() {
      return first;
    }
  }
}
