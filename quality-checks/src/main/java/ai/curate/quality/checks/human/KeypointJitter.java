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
import java.util.Objects;
import org.apache.spark.sql.Row;

/**
 * Keypoint jitter: tracking noise shows as large second differences between consecutive frames, where real hand
 * motion at video rates has small ones (a hand accelerating at 2 m/s² moves about 2 mm off a straight line between
 * frames at 30 fps; 5 mm of tracking noise adds about 12 mm). For each three consecutive steps with keypoints of
 * the same hand side, the mean over keypoints of |k(t) - 2 k(t-1) + k(t-2)|, in mm (keypoints in metres).
 * Value: the mean over such triples.
 */
public final class KeypointJitter extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public KeypointJitter() {
    super(CheckSpec.timestep("keypoint_jitter", EntityType.CLIP)
        .params(ParamSpec.number("max_mm", "largest allowed mean second difference of keypoints").min(0))
        .summary("mean second difference of hand keypoints between consecutive frames (mm)")
        .measures("mean keypoint jitter (mm)")
        .atMost("max_mm").inputs("keypoints", "hand_side"));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    return new Metric(schema.stepIndex(), schema.index("keypoints"), schema.index("hand_side"));
  }

  static final class Metric implements SequenceMetric {
    private final int stepField;
    private final int keypointsField;
    private final int sideField;
    // The last two steps with keypoints: older (t-2) and newer (t-1), rotated through three buffers.
    private double[] older;
    private double[] newer;
    private double[] spare;
    private long olderStep;
    private long newerStep;
    private String olderSide;
    private String newerSide;
    private int held;
    private long triples;
    private double sum;

    Metric(int stepField, int keypointsField, int sideField) {
      this.stepField = stepField;
      this.keypointsField = keypointsField;
      this.sideField = sideField;
    }

    @Override
    public void accept(Row step) {
      double[] k = StepValues.flatDoubles(step.get(keypointsField), spare);
      long stepIndex = StepValues.getLong(step, stepField);
      String side = step.isNullAt(sideField) ? null : step.getString(sideField);
      if (k == null || k.length == 0 || k.length % 3 != 0) {
        held = 0;
        return;
      }
      if (held >= 1 && (newerStep != stepIndex - 1 || !Objects.equals(newerSide, side)
          || newer.length != k.length)) {
        held = 0;
      }
      if (held == 2 && olderStep == stepIndex - 2 && Objects.equals(olderSide, side) && older.length == k.length) {
        double total = 0;
        int points = k.length / 3;
        for (int p = 0; p < points; p++) {
          double x = k[3 * p] - 2 * newer[3 * p] + older[3 * p];
          double y = k[3 * p + 1] - 2 * newer[3 * p + 1] + older[3 * p + 1];
          double z = k[3 * p + 2] - 2 * newer[3 * p + 2] + older[3 * p + 2];
          total += Math.sqrt(x * x + y * y + z * z);
        }
        double mm = total / points * 1000.0;
        if (!Double.isNaN(mm)) {
          sum += mm;
          triples++;
        }
      }
      spare = older;
      older = newer;
      olderStep = newerStep;
      olderSide = newerSide;
      newer = k;
      newerStep = stepIndex;
      newerSide = side;
      held = Math.min(held + 1, 2);
    }

    @Override
    public Double value() {
      return triples == 0 ? null : sum / triples;
    }

    @Override
    public String detail() {
      return triples == 0 ? "no three consecutive steps with keypoints" : null;
    }
  }
}
