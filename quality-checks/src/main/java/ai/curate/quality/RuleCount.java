package ai.curate.quality;

import java.io.Serializable;

/**
 * How one rule fared over a run.
 *
 * @param violations    entities for which the rule did not pass (missing values included)
 * @param missingValues entities for which the rule's value could not be computed
 */
public record RuleCount(EvaluatedRule rule, long violations, long missingValues) implements Serializable {
  /** Violations per scored entity; 0 when nothing was scored. */
  public double violationRate(long entitiesScored) {
    return entitiesScored == 0 ? 0.0 : (double) violations / entitiesScored;
  }
}
