package ai.curate.quality.checks.robot;

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
    super("idle_segments", Scope.TIMESTEP, EnumSet.of(EntityType.EPISODE),
        List.of(ParamSpec.number("max_speed_rad_s", "joint speed at or below which a step is idle").min(0)
                .optional(0.01),
            ParamSpec.number("min_idle_s", "shortest idle run counted").min(0),
            ParamSpec.number("max_idle_fraction", "largest allowed fraction of the episode spent idle").min(0)
                .max(1)),
        "fraction of the episode spent in idle segments (no joint moving)");
  }

  @Override
  public String measures(Params params) {
    return "fraction of the episode idle";
  }

  @Override
  public Threshold threshold(Params params) {
    return Threshold.atMost(params.number("max_idle_fraction"));
  }

  @Override
  public List<String> inputColumns(Params params) {
    return List.of(COLUMN, StepSchema.TS_NS);
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    return new Metric(schema.stepIndex(), schema.tsNs(), schema.index(COLUMN), params.number("max_speed_rad_s"),
        (long) (params.number("min_idle_s") * 1e9));
  }

  static final class Metric implements SequenceMetric {
    private final int stepField;
    private final int tsField;
    private final int field;
    private final double maxSpeed;
    private final long minIdleNs;
    private double[] values;
    private boolean any;
    private long firstTs;
    private long lastTs;
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
      this.tsField = tsField;
      this.field = field;
      this.maxSpeed = maxSpeed;
      this.minIdleNs = minIdleNs;
    }

    @Override
    public void accept(Row step) {
      if (step.isNullAt(tsField)) {
        return;
      }
      long ts = StepValues.getLong(step, tsField);
      if (!any) {
        firstTs = ts;
        any = true;
      }
      lastTs = ts;
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
      if (!any) {
        return null;
      }
      closeRun();
      long total = lastTs - firstTs;
      return total <= 0 ? 0.0 : (double) idleNs / total;
    }

    @Override
    public String detail() {
      closeRun();
      return segments == 0 ? null : segments + " idle segment(s), longest " + StepValues.brief(longestNs / 1e9)
          + " s from step " + longestStartStep;
    }
  }
}
