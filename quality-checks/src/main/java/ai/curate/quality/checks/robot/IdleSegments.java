package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepClock;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import org.apache.spark.sql.Row;

/**
 * Idle segments (no motion), the frames DROID-style training filters out: runs of consecutive steps where every
 * joint's measured speed is at most {@code max_speed_rad_s}, lasting at least {@code min_idle_s} (time from the
 * first to the last idle step of the run). A step without joint_velocity ends a run. Value: the fraction of the
 * episode's duration (first to last step) spent in such segments. Flagged here, not trimmed: trimming is a
 * training-time choice researchers make with the score column.
 */
public final class IdleSegments extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;
  private static final String COLUMN = "joint_velocity";

  public IdleSegments() {
    super(CheckSpec.timestep("idle_segments", EntityType.EPISODE)
        .params(ParamSpec.number("max_speed_rad_s", "joint speed at or below which a step is idle").min(0)
            .optional(0.01),
            ParamSpec.number("min_idle_s", "shortest idle run counted").min(0),
            ParamSpec.number("max_idle_fraction", "largest allowed fraction of the episode spent idle").min(0)
                .max(1))
        .summary("fraction of the episode spent in idle segments (no joint moving)")
        .measures("fraction of the episode idle")
        .atMost("max_idle_fraction").inputs(COLUMN, StepSchema.TS_NS));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    return new Metric(schema.stepIndex(), schema.tsNs(), schema.index(COLUMN), params.number("max_speed_rad_s"),
        (long) (params.number("min_idle_s") * 1e9));
  }

  static final class Metric implements SequenceMetric {
    private final int stepField;
    private final int field;
    private final double maxSpeed;
    private final long minIdleNs;
    private final StepClock clock;
    private double[] values;
    private boolean inRun;
    private long runStartTs;
    private long runStartStep;
    private long runLastTs;
    private long idleNs;
    private int segments;
    private long longestNs = -1;
    private long longestStartStep;

    Metric(int stepField, int tsField, int field, double maxSpeed, long minIdleNs) {
      this.stepField = stepField;
      this.clock = new StepClock(tsField);
      this.field = field;
      this.maxSpeed = maxSpeed;
      this.minIdleNs = minIdleNs;
    }

    @Override
    public void accept(Row step) {
      if (!clock.accept(step)) {
        return;
      }
      long ts = clock.current();
      values = StepValues.doubles(step, field, values);
      if (values != null && idle(values)) {
        if (!inRun) {
          inRun = true;
          runStartTs = ts;
          runStartStep = StepValues.getLong(step, stepField);
        }
        runLastTs = ts;
      } else {
        closeRun();
      }
    }

    private boolean idle(double[] v) {
      for (double x : v) {
        if (Math.abs(x) > maxSpeed) {
          return false;
        }
      }
      return true;
    }

    private void closeRun() {
      if (!inRun) {
        return;
      }
      inRun = false;
      long length = runLastTs - runStartTs;
      if (length >= minIdleNs && length > 0) {
        idleNs += length;
        segments++;
        if (length > longestNs) {
          longestNs = length;
          longestStartStep = runStartStep;
        }
      }
    }

    @Override
    public Double value() {
      if (!clock.any()) {
        return null;
      }
      closeRun();
      long total = clock.current() - clock.first();
      return total <= 0 ? 0.0 : (double) idleNs / total;
    }

    @Override
    public String detail() {
      closeRun();
      return segments == 0
          ? null
          : segments + " idle segment(s), longest " + StepValues.brief(longestNs / 1e9)
              + " s from step " + longestStartStep;
    }
  }
}
