package ai.curate.quality.checks;

import org.apache.spark.sql.Row;

/**
 * The array column of the current step and of the previous step that had it, for checks comparing consecutive
 * steps (jumps, accelerations, frozen elements). Two buffers rotate, so a pass allocates only when widths change.
 */
public final class ArrayPair {
  private final int field;
  private double[] previous;
  private double[] current;

  public ArrayPair(int field) {
    this.field = field;
  }

  /** Reads the current step's array (null when the step has none). */
  public double[] read(Row step) {
    current = StepValues.doubles(step, field, current);
    return current;
  }

  public double[] current() {
    return current;
  }

  /** The previous step's array; null at the start or after {@link #forget()}. */
  public double[] previous() {
    return previous;
  }

  /** True when a previous array of the current one's width exists. */
  public boolean comparable() {
    return previous != null && current != null && previous.length == current.length;
  }

  /** The current array becomes the previous one. */
  public void advance() {
    double[] t = previous;
    previous = current;
    current = t;
  }

  /** Drops the previous array (a step without a usable value breaks the chain), keeping its buffer for reuse. */
  public void forget() {
    if (previous != null) {
      current = previous;
      previous = null;
    }
  }
}
