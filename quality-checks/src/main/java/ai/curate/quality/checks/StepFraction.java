package ai.curate.quality.checks;

import org.apache.spark.sql.Row;

/**
 * The fraction of an entity's steps at which a boolean column is true, or is not true (false or null). No steps:
 * no value. Shared by the coverage check and the timestep expression rules.
 */
public final class StepFraction implements SequenceMetric {
  private final int field;
  private final boolean countTrue;
  private final String detailSuffix;
  private long steps;
  private long counted;

  private StepFraction(int field, boolean countTrue, String detailSuffix) {
    this.field = field;
    this.countTrue = countTrue;
    this.detailSuffix = detailSuffix;
  }

  /** Counts the steps where {@code field} is true; the detail reads "3 of 40 steps" + {@code detailSuffix}. */
  public static StepFraction ofTrue(int field, String detailSuffix) {
    return new StepFraction(field, true, detailSuffix);
  }

  /** Counts the steps where {@code field} is false or null; the detail reads "3 of 40 steps". */
  public static StepFraction ofNotTrue(int field) {
    return new StepFraction(field, false, "");
  }

  @Override
  public void accept(Row step) {
    steps++;
    if (StepValues.isTrue(step, field) == countTrue) {
      counted++;
    }
  }

  @Override
  public Double value() {
    return steps == 0 ? null : (double) counted / steps;
  }

  @Override
  public String detail() {
    return counted + " of " + steps + " steps" + detailSuffix;
  }
}
