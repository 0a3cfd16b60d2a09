package ai.curate.quality.checks.common;

import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.ClockCheck;
import ai.curate.quality.checks.ClockMetric;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.rules.ParamSpec;
import org.apache.spark.sql.Row;

/**
 * The largest interval between consecutive steps. On the robot grid (the head camera's capture times) a gap is a
 * run of dropped frames or a recording hole. Value: milliseconds, exact to the nanosecond (the interval is a
 * difference of int64 timestamps, converted to double only at the end). An entity with fewer than two timestamped
 * steps has no interval: its value is null and the rule holds vacuously ({@link SequenceMetric#vacuous()}); a
 * zero would claim a perfect grid that was never observed, and a refilter such as {@code score_grid_gaps < 50}
 * must not select it. An entity without timestamps has no value and does not pass.
 */
public final class TimestampGaps extends ClockCheck {
  private static final long serialVersionUID = 1L;

  public TimestampGaps() {
    super(CheckSpec.timestepForAll("timestamp_gaps")
        .params(ParamSpec.number("max_gap_ms", "largest allowed interval between consecutive steps").min(0))
        .summary("largest interval between consecutive steps (ms)")
        .measures("largest step interval (ms)")
        .atMost("max_gap_ms"), Metric::new);
  }

  static final class Metric extends ClockMetric {
    private long largestNs;
    private long largestAtStep = -1;

    Metric(StepSchema schema) {
      super(schema);
    }

    @Override
    public void accept(Row step) {
      if (clock.accept(step) && clock.hasPrevious()) {
        long interval = clock.current() - clock.previous();
        if (clock.count() == 2 || interval > largestNs) {
          largestNs = interval;
          largestAtStep = stepIndex(step);
        }
      }
    }

    @Override
    public Double value() {
      return clock.hasPrevious() ? largestNs / 1e6 : null;
    }

    @Override
    public boolean vacuous() {
      return clock.count() == 1;
    }

    @Override
    public String detail() {
      if (!clock.any()) {
        return "no step has a timestamp";
      }
      if (!clock.hasPrevious()) {
        return "a single timestamped step: no interval";
      }
      return "largest before step " + largestAtStep;
    }
  }
}
