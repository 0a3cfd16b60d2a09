package ai.curate.quality;

import ai.curate.quality.rules.EntityType;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * Global counts of one evaluation, collected with {@link org.apache.spark.sql.Observation} while the scored table
 * was built (no extra job).
 *
 * @param entitiesIn        rows of the entity Dataset
 * @param timestepsIn       rows of the timesteps Dataset (-1 when none was given)
 * @param entitiesScored    rows of the scored table: entitiesIn plus orphans
 * @param orphans           entities that have timesteps but no row in the entity Dataset
 * @param withoutTimesteps  entities without any timestep (counted only when timesteps were given)
 */
public record QualityCounts(EntityType entityType, long entitiesIn, long timestepsIn, long entitiesScored,
    long orphans, long withoutTimesteps, long passed, long quarantined,
    List<RuleCount> rules) implements Serializable {
  public QualityCounts {
    rules = List.copyOf(rules);
  }

  public Optional<RuleCount> rule(String name) {
    return rules.stream().filter(r -> r.rule().name().equals(name)).findFirst();
  }

  public Reconciliation reconciliation() {
    return new Reconciliation(entityType, entitiesIn, orphans, entitiesScored, passed, quarantined);
  }
}
