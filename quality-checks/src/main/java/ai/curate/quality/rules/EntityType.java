package ai.curate.quality.rules;

/** What a rule file scores: robot episodes or human clips. Each kind has its key column and its entity scope. */
public enum EntityType implements YamlNamed {
  EPISODE("episode_id", Scope.EPISODE),
  CLIP("clip_id", Scope.CLIP);

  private final String keyColumn;
  private final Scope entityScope;

  EntityType(String keyColumn, Scope entityScope) {
    this.keyColumn = keyColumn;
    this.entityScope = entityScope;
  }

  /** The id column of the entity Dataset and of the timesteps ({@code episode_id} or {@code clip_id}). */
  public String keyColumn() {
    return keyColumn;
  }

  /** The scope of rules evaluated once per entity. */
  public Scope entityScope() {
    return entityScope;
  }
}
