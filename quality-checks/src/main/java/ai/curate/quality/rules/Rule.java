package ai.curate.quality.rules;

import java.io.Serializable;
import java.util.List;

/**
 * One validated quality rule.
 *
 * @param name        unique in its file; {@code [a-z][a-z0-9_]*}; also the score column {@code score_<name>}
 * @param description optional text shown in reasons, else the check's own description
 * @param failFraction for {@code fail} rules: the largest fraction of entities that may violate before the run stops
 * @param alert       optional comparison of the rule's violation rate with its history
 */
public record Rule(String name, String description, Scope scope, RuleCheck check, Severity severity,
    List<String> tags, double failFraction, AlertSpec alert) implements Serializable {

  public Rule {
    tags = List.copyOf(tags);
  }

  /** The pass condition as stored in the report's {@code threshold} column. */
  public String thresholdText() {
    if (check instanceof BuiltinRuleCheck b) {
      return b.threshold().text();
    }
    ExpressionRuleCheck e = (ExpressionRuleCheck) check;
    return scope == Scope.TIMESTEP ? e.stepThreshold().text() : e.expression();
  }

  /** The numeric threshold, or null for an entity-scope expression (whose pass condition is the expression). */
  public Threshold threshold() {
    if (check instanceof BuiltinRuleCheck b) {
      return b.threshold();
    }
    return scope == Scope.TIMESTEP ? ((ExpressionRuleCheck) check).stepThreshold() : null;
  }

  /** What the value means, for messages. */
  public String measures() {
    if (description != null) {
      return description;
    }
    if (check instanceof ExpressionRuleCheck e && scope == Scope.TIMESTEP) {
      return "fraction of steps where " + e.expression() + " does not hold";
    }
    return check.measures();
  }

  /** The per-entity score column researchers filter on. */
  public String scoreColumn() {
    return "score_" + name;
  }
}
