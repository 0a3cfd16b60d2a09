package ai.curate.quality;

import ai.curate.quality.rules.EntityType;
import java.io.Serializable;

/**
 * Nothing lost, nothing invented: every entity that came in is either in the pass list or in quarantine, exactly
 * once. {@code entitiesIn} is counted on the entity input as it is read, {@code passed} and {@code quarantined} on
 * the scored output; {@code orphans} (timesteps whose entity has no record) are quarantined and added to the inputs.
 * The entity Dataset must hold one row per entity id (a duplicate row is scored, and counted, twice).
 */
public record Reconciliation(EntityType entityType, long entitiesIn, long orphans, long entitiesScored, long passed,
    long quarantined) implements Serializable {

  public boolean holds() {
    return entitiesIn + orphans == passed + quarantined && entitiesScored == passed + quarantined;
  }

  /** Throws when the counts disagree: a bug in evaluation, never a data problem to ignore. */
  public Reconciliation requireHolds() {
    if (!holds()) {
      throw new IllegalStateException("quality reconciliation failed for " + entityType.yamlName() + "s: "
          + describe() + "; the quality stage must not publish");
    }
    return this;
  }

  public String describe() {
    return entitiesIn + " in + " + orphans + " orphans = " + (entitiesIn + orphans) + ", " + passed + " passed + "
        + quarantined + " quarantined = " + (passed + quarantined) + " (" + entitiesScored + " scored)";
  }
}
