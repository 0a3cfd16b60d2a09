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

  /**
   * The entity's identity in one string column (the JSON array of its key columns, unambiguous whatever characters
   * the ids hold): what the timestep pass groups by and the entity rows join on.
   */
  static final String KEY = "__q_key";

  /** Per-entity summaries of the timesteps, usable in episode/clip expr rules. */
  static final String STEP_COUNT = "step_count";
  static final String FIRST_TS_NS = "first_ts_ns";
  static final String LAST_TS_NS = "last_ts_ns";
  static final List<String> STEP_SUMMARY = List.of(STEP_COUNT, FIRST_TS_NS, LAST_TS_NS);

  /**
   * The columns each rule gets, numbered by the rule's position: {@code PerRule.VALUE.of(i)}. The timestep pass adds
   * the {@code STEP_} ones (an expr rule's per-step boolean; a sequence rule's value, detail, and whether it held
   * vacuously, i.e. had nothing to judge); the scored table holds every evaluated rule's value, passed flag and message.
   */
  enum PerRule {
    STEP_EXPRESSION("e_"),
    STEP_VALUE("tv_"),
    STEP_DETAIL("td_"),
    STEP_VACUOUS("tz_"),
    VALUE("v_"),
    PASSED("p_"),
    MESSAGE("m_");

    private final String infix;

    PerRule(String infix) {
      this.infix = infix;
    }

    String of(int rule) {
      return PREFIX + infix + rule;
    }
  }
}
