package ai.curate.quality.eval;

import java.util.List;

/** Column names the evaluator adds; user data must not use the {@code __q_} prefix or the step summary names. */
final class InternalColumns {
  private InternalColumns() {}

  static final String PREFIX = "__q_";
  static final String HAS_RECORD = "__q_has_record";
  static final String HAS_STEPS = "__q_has_steps";
  static final String QUARANTINED = "quarantined";
  static final String RESULTS = "__q_results";

  /** Per-entity summaries of the timesteps, usable in episode/clip expr rules. */
  static final String STEP_COUNT = "step_count";
  static final String FIRST_TS_NS = "first_ts_ns";
  static final String LAST_TS_NS = "last_ts_ns";
  static final List<String> STEP_SUMMARY = List.of(STEP_COUNT, FIRST_TS_NS, LAST_TS_NS);

  /** Per-step boolean of the i-th timestep expr rule. */
  static String stepExpression(int i) {
    return PREFIX + "e_" + i;
  }

  /** Value and detail of the i-th timestep rule, out of the sequence pass. */
  static String stepValue(int i) {
    return PREFIX + "tv_" + i;
  }

  static String stepDetail(int i) {
    return PREFIX + "td_" + i;
  }

  /** True when the i-th timestep rule holds vacuously (nothing to judge; value null). */
  static String stepVacuous(int i) {
    return PREFIX + "tz_" + i;
  }

  /** Value, passed flag and message of the i-th evaluated rule, in the scored table. */
  static String value(int i) {
    return PREFIX + "v_" + i;
  }

  static String passed(int i) {
    return PREFIX + "p_" + i;
  }

  static String message(int i) {
    return PREFIX + "m_" + i;
  }
}
