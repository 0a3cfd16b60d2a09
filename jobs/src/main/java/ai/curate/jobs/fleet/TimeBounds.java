package ai.curate.jobs.fleet;

import java.time.Instant;

/**
 * The times the fleet ingest accepts, checked at parse time so that no later sum of a timestamp and a clock offset
 * can overflow a long: timestamps in [1970-01-01, 2262-01-01) as epoch nanoseconds, clock offsets within one day
 * either way. The largest timestamp plus the largest offset (2262-01-02) is still below {@code Long.MAX_VALUE}
 * (2262-04-11), so {@code ts + offset} is always exact; Java code that adds times still uses {@link Math#addExact}.
 */
public final class TimeBounds {
  /** 1970-01-01T00:00Z. */
  static final long MIN_TS_NS = 0;
  /** 2262-01-01T00:00Z, exclusive. */
  static final long MAX_TS_NS = Instant.parse("2262-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
  /** One day in nanoseconds: a robot or camera clock further off than that is a misconfigured clock. */
  static final long MAX_ABS_OFFSET_NS = 86_400L * 1_000_000_000L;

  private TimeBounds() {}

  public static boolean isTimestamp(long ns) {
    return ns >= MIN_TS_NS && ns < MAX_TS_NS;
  }

  public static boolean isOffset(long ns) {
    return ns >= -MAX_ABS_OFFSET_NS && ns <= MAX_ABS_OFFSET_NS;
  }

  public static String timestampRange() {
    return "[1970-01-01, 2262-01-01) as epoch nanoseconds";
  }

  public static String offsetRange() {
    return "at most one day (" + MAX_ABS_OFFSET_NS + " ns) either way";
  }
}
