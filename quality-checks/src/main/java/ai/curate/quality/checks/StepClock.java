package ai.curate.quality.checks;

import org.apache.spark.sql.Row;

/**
 * The timestamps of the steps a {@link SequenceMetric} has seen, skipping steps without {@code ts_ns}: the first,
 * the current and the previous one. Shared by the checks that judge time (gaps, order, idle time, stream edges).
 */
public final class StepClock {
  private final int tsField;
  private long count;
  private long first;
  private long previous;
  private long current;

  public StepClock(int tsField) {
    this.tsField = tsField;
  }

  /** Advances to {@code step}'s timestamp; false (and nothing changes) when the step has none. */
  public boolean accept(Row step) {
    if (step.isNullAt(tsField)) {
      return false;
    }
    long ts = StepValues.getLong(step, tsField);
    if (count == 0) {
      first = ts;
    }
    previous = current;
    current = ts;
    count++;
    return true;
  }

  /** How many timestamped steps were seen. */
  public long count() {
    return count;
  }

  public boolean any() {
    return count > 0;
  }

  /** True once two timestamped steps were seen, so {@link #previous()} is meaningful. */
  public boolean hasPrevious() {
    return count > 1;
  }

  public long first() {
    return first;
  }

  /** The timestamp of the latest timestamped step. */
  public long current() {
    return current;
  }

  /** The timestamp of the timestamped step before the latest. */
  public long previous() {
    return previous;
  }
}
