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
 * run of dropped frames or a recording hole. Value: milliseconds, exact to the nanosecond (the interval is a
 * difference of int64 timestamps, converted to double only at the end). An entity with fewer than two timestamped
 * steps has no interval: its value is null and the rule holds vacuously ({@link SequenceMetric#vacuous()}); a
 * zero would claim a perfect grid that was never observed, and a refilter such as {@code score_grid_gaps < 50}
 * must not select it. An entity without timestamps has no value and does not pass.
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
    private boolean haveInterval;
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
      if (havePrevious) {
        long interval = ts - previousTs;
        if (!haveInterval || interval > largestNs) {
          largestNs = interval;
          largestAtStep = StepValues.getLong(step, stepField);
        }
        haveInterval = true;
      }
      havePrevious = true;
      previousTs = ts;
    }

    @Override
    public Double value() {
      return haveInterval ? largestNs / 1e6 : null;
    }

    @Override
    public boolean vacuous() {
      return havePrevious && !haveInterval;
    }

    @Override
    public String detail() {
      if (!havePrevious) {
        return "no step has a timestamp";
      }
      if (!haveInterval) {
        return "a single timestamped step: no interval";
      }
      return "largest before step " + largestAtStep;
    }
  }
}
