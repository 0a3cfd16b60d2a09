package ai.curate.quality.checks.human;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * The mean or max over steps of one numeric per-step metric, compared with a maximum: the shape of the retargeting
 * checks ({@code vector_error_mm}, {@code limit_saturation} from silver.human_timesteps).
 */
public final class StepStatistic extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  private final String column;

  private StepStatistic(String name, String column, String maxParam, String what, double maxBound) {
    super(CheckSpec.timestep(name, EntityType.CLIP)
        .params(ParamSpec.number(maxParam, "largest allowed value").min(0).max(maxBound),
            ParamSpec.string("statistic", "mean or max over steps").choices(List.of("mean", "max")).optional("mean"))
        .summary("mean or max of " + what + " over the steps")
        .measures(p -> p.string("statistic") + " " + what)
        .atMost(maxParam).inputs(column));
    this.column = column;
  }

  /** Retargeting error: the objective residual of the hand solver, mean over task vectors, in mm. */
  public static StepStatistic retargetingError() {
    return new StepStatistic("retargeting_error", "vector_error_mm", "max_mm", "retargeting vector error (mm)",
        Double.POSITIVE_INFINITY);
  }

  /** Limit saturation: the fraction of solved joints sitting at a joint limit. */
  public static StepStatistic limitSaturation() {
    return new StepStatistic("limit_saturation", "limit_saturation", "max_fraction",
        "fraction of solved joints at a limit", 1.0);
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    int field = schema.index(column);
    int stepField = schema.stepIndex();
    boolean max = params.string("statistic").equals("max");
    return new SequenceMetric() {
      long n;
      double sum;
      double largest = Double.NEGATIVE_INFINITY;
      long largestStep;

      @Override
      public void accept(Row step) {
        Double v = StepValues.getDouble(step, field);
        if (v == null || v.isNaN()) {
          return;
        }
        n++;
        sum += v;
        if (v > largest) {
          largest = v;
          largestStep = StepValues.getLong(step, stepField);
        }
      }

      @Override
      public Double value() {
        return n == 0 ? null : max ? largest : sum / n;
      }

      @Override
      public String detail() {
        return n == 0 ? "no step has " + column : "max " + StepValues.brief(largest) + " at step " + largestStep;
      }
    };
  }
}
