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

/**
 * The largest interval between consecutive steps. On the robot grid (the head camera's capture times) a gap is a
 * run of dropped frames or a recording hole. Value: milliseconds; 0 for a one-step entity.
 */
public final class TimestampGaps extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public TimestampGaps() {
    super("timestamp_gaps", Scope.TIMESTEP, EnumSet.allOf(EntityType.class),
        List.of(ParamSpec.number("max_gap_ms", "largest allowed interval between consecutive steps").min(0)),
        "largest interval between consecutive steps (ms)");
  }

  @Override
  public String measures(Params params) {
    return "largest step interval (ms)";
  }

  @Override
  public Threshold threshold(Params params) {
    return Threshold.atMost(params.number("max_gap_ms"));
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
    private long largestNs;
    private long largestAtStep = -1;

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
      if (havePrevious && ts - previousTs > largestNs) {
        largestNs = ts - previousTs;
        largestAtStep = StepValues.getLong(step, stepField);
      }
      havePrevious = true;
      previousTs = ts;
    }

    @Override
    public Double value() {
      return havePrevious ? largestNs / 1e6 : null;
    }

    @Override
    public String detail() {
      if (!havePrevious) {
        return "no step has a timestamp";
      }
      return largestAtStep < 0 ? null : "largest before step " + largestAtStep;
    }
  }
}
