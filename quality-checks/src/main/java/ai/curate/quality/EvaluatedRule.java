package ai.curate.quality;

import ai.curate.quality.rules.Severity;
import java.io.Serializable;
import java.util.List;

/**
 * A rule as the evaluator ran it: the file's rules plus the structural rules it always adds
 * ({@code has_entity_record}, {@code has_timesteps}).
 *
 * @param threshold    the text stored in the report's threshold column
 * @param failFraction for severity fail, the largest fraction of entities that may violate before the gate closes
 * @param structural   true for a rule the evaluator added
 */
public record EvaluatedRule(String name, Severity severity, List<String> tags, String threshold, String measures,
    double failFraction, boolean structural) implements Serializable {
  public EvaluatedRule {
    tags = List.copyOf(tags);
  }

  public String scoreColumn() {
    return "score_" + name;
  }
}
