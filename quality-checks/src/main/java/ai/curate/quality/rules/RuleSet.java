package ai.curate.quality.rules;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/** The validated rules of one file, all for one entity type. */
public record RuleSet(String source, EntityType entityType, List<Rule> rules) implements Serializable {
  public RuleSet {
    rules = List.copyOf(rules);
  }

  public List<Rule> rules(Scope scope) {
    return rules.stream().filter(r -> r.scope() == scope).toList();
  }

  public Optional<Rule> rule(String name) {
    return rules.stream().filter(r -> r.name().equals(name)).findFirst();
  }
}
