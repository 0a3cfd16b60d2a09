package ai.curate.quality.checks;

import org.apache.spark.sql.Row;

/**
 * Counts the units (steps, or pairs of steps) in which some array element breaks a limit, and remembers the worst
 * element, its amount and step: the shared bookkeeping of the joint limit checks.
 */
public final class ElementViolations {
  private final int stepField;
  private long units;
  private long violating;
  private boolean unitViolates;
  private double worst;
  private int worstElement = -1;
  private long worstStep;

  public ElementViolations(int stepField) {
    this.stepField = stepField;
  }

  /** Starts a unit judged by the following {@link #violation} calls. */
  public void startUnit() {
    units++;
    unitViolates = false;
  }

  /** Element {@code element} of the current unit, at {@code step}, breaks its limit by {@code amount} (> 0). */
  public void violation(int element, double amount, Row step) {
    if (!unitViolates) {
      unitViolates = true;
      violating++;
    }
    if (amount > worst) {
      worst = amount;
      worstElement = element;
      worstStep = StepValues.getLong(step, stepField);
    }
  }

  public long units() {
    return units;
  }

  /** The fraction of units that violate; null without units. */
  public Double fraction() {
    return units == 0 ? null : (double) violating / units;
  }

  /**
   * "v of n {unitName}; worst {element} {amount} {unit} at step s", or null when nothing violated; {@code unit}
   * may carry words after the amount (e.g. "rad beyond its limit").
   */
  public String describe(String unitName, CheckEnvironment environment, String column, String unit) {
    return worstElement < 0
        ? null
        : violating + " of " + units + " " + unitName + "; worst "
            + environment.elementName(column, worstElement) + " " + StepValues.brief(worst) + " " + unit + " at step "
            + worstStep;
  }
}
