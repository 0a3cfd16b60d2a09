package ai.curate.quality.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * What a rule file scores: robot episodes or human clips. Each kind has its identity columns and its entity scope.
 *
 * <p>An entity is identified by its id column qualified by the columns it is unique within: an episode id only within
 * its session, a session id only within its robot, a clip id only within its dataset. Every join and grouping of
 * entities uses all of {@link #keyColumns()}, never the id alone, so two sessions that both have an episode
 * {@code e001} get two verdicts.
 */
public enum EntityType implements YamlNamed {
  EPISODE("episode_id", List.of("robot_id", "session_id"), Scope.EPISODE),
  CLIP("clip_id", List.of("dataset"), Scope.CLIP);

  private final String idColumn;
  private final List<String> qualifiers;
  private final Scope entityScope;

  EntityType(String idColumn, List<String> qualifiers, Scope entityScope) {
    this.idColumn = idColumn;
    this.qualifiers = qualifiers;
    this.entityScope = entityScope;
  }

  /** The id column of the entity Dataset and of the timesteps ({@code episode_id} or {@code clip_id}). */
  public String idColumn() {
    return idColumn;
  }

  /** The columns the id is unique within ({@code robot_id, session_id}; {@code dataset}). */
  public List<String> qualifiers() {
    return qualifiers;
  }

  /** The entity's identity: the qualifiers, then the id. Both input Datasets must have every one of them. */
  public List<String> keyColumns() {
    List<String> out = new ArrayList<>(qualifiers);
    out.add(idColumn);
    return List.copyOf(out);
  }

  /**
   * The qualifiers of every entity type, in declaration order ({@code robot_id, session_id, dataset}): the identity
   * columns of the evaluator's outputs beside {@code entity_id}, null where the entity type has no such column, so
   * the outputs of both entity types share one schema.
   */
  public static List<String> identityColumns() {
    List<String> out = new ArrayList<>();
    for (EntityType t : values()) {
      for (String q : t.qualifiers) {
        if (!out.contains(q)) {
          out.add(q);
        }
      }
    }
    return List.copyOf(out);
  }

  /** The scope of rules evaluated once per entity. */
  public Scope entityScope() {
    return entityScope;
  }
}
