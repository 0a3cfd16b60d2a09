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
import org.apache.spark.sql.Row;

/**
 * Hand visibility and keypoint confidence: a step counts as visible when it has keypoints and their mean confidence
 * is at least {@code min_confidence}. Value: the fraction of visible steps. (Frames without any pose have no step;
 * compare {@code step_count} with the clip's frame count in an expression rule to catch those.)
 */
public final class HandVisibility extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public HandVisibility() {
    super(CheckSpec.timestep("hand_visibility", EntityType.CLIP)
        .params(ParamSpec.number("min_confidence", "mean keypoint confidence for a visible hand").min(0).max(1)
            .optional(0.5),
            ParamSpec.number("min_fraction", "smallest allowed fraction of visible steps").min(0).max(1))
        .summary("fraction of steps with keypoints of mean confidence at least min_confidence")
        .measures("fraction of steps with a confidently tracked hand")
        .atLeast("min_fraction").inputs("keypoints", "keypoint_confidence_mean"));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    int keypoints = schema.index("keypoints");
    int confidence = schema.index("keypoint_confidence_mean");
    double minConfidence = params.number("min_confidence");
    return new SequenceMetric() {
      long steps;
      long visible;
      double confidenceSum;
      long confidenceCount;

      @Override
      public void accept(Row step) {
        steps++;
        Double c = StepValues.getDouble(step, confidence);
        if (c != null && !c.isNaN()) {
          confidenceSum += c;
          confidenceCount++;
        }
        if (!step.isNullAt(keypoints) && c != null && c >= minConfidence) {
          visible++;
        }
      }

      @Override
      public Double value() {
        return steps == 0 ? null : (double) visible / steps;
      }

      @Override
      public String detail() {
        return visible + " of " + steps + " steps visible"
            + (confidenceCount == 0
                ? ""
                : ", mean confidence " + StepValues.brief(confidenceSum / confidenceCount));
      }
    };
  }
}
