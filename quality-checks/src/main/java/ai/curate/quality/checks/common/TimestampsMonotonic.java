package ai.curate.quality.checks.common;

import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.ClockCheck;
import ai.curate.quality.checks.ClockMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.rules.ParamSpec;
import org.apache.spark.sql.Row;

/** Steps in {@code step_index} order must have strictly increasing {@code ts_ns}. Value: how many do not. */
public final class TimestampsMonotonic extends ClockCheck {
  private static final long serialVersionUID = 1L;

  public TimestampsMonotonic() {
    super(CheckSpec.timestepForAll("timestamps_monotonic")
        .params(ParamSpec.integer("max_count", "steps allowed to go back or repeat in time").min(0).optional(0L))
        .summary("steps whose ts_ns is not after the previous step's (in step_index order)")
        .measures("steps not later than their predecessor")
        .atMost("max_count"), Metric::new);
  }

  static final class Metric extends ClockMetric {
    private long count;
    private String first;

    Metric(StepSchema schema) {
      super(schema);
    }

    @Override
    public void accept(Row step) {
      if (clock.accept(step) && clock.hasPrevious() && clock.current() <= clock.previous()) {
        count++;
        if (first == null) {
          first = "first at step " + stepIndex(step) + " (ts_ns " + clock.current() + " after "
              + clock.previous() + ")";
        }
      }
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
