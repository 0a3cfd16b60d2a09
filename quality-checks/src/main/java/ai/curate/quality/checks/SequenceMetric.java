package ai.curate.quality.checks;

import org.apache.spark.sql.Row;

/**
 * The per-entity state of one timestep rule. The evaluator creates one per entity and feeds it that entity's steps
 * in {@code step_index} order, one at a time (a streaming, sorted pass: state must stay bounded by the width of a
 * step, never by the number of steps). Pure Java: tests drive it with hand-made rows, no SparkSession.
 */
public interface SequenceMetric {
  void accept(Row step);

  /** The rule's value for the entity; null when it cannot be computed (then the rule does not pass). */
  Double value();

  /**
   * True when the steps seen give the rule nothing to judge, so it holds vacuously with no value (null in the
   * report and the scores): e.g. a single step has no interval to measure. An entity without any step is never
   * vacuous (the evaluator fails it: "no value"). Default: false, a null value fails.
   */
  default boolean vacuous() {
    return false;
  }

  /** Where or what, for the reason message (e.g. the worst joint and the step); null when nothing to add. */
  default String detail() {
    return null;
  }
}
