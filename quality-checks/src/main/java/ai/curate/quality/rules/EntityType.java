package ai.curate.quality.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a rule file scores: robot episodes or human clips. Each kind has its key column and its entity scope. */
public enum EntityType {
  EPISODE("episode", "episode_id", Scope.EPISODE), CLIP("clip", "clip_id", Scope.CLIP);

  private final String yamlName;
  private final String keyColumn;
  private final Scope entityScope;

  EntityType(String yamlName, String keyColumn, Scope entityScope) {
    this.yamlName = yamlName;
    this.keyColumn = keyColumn;
    this.entityScope = entityScope;
  }

  /** The name in rule files and in the report's {@code entity_type} column. */
  public String yamlName() {
    return yamlName;
  }

  /** The id column of the entity Dataset and of the timesteps ({@code episode_id} or {@code clip_id}). */
  public String keyColumn() {
    return keyColumn;
  }

  /** The scope of rules evaluated once per entity. */
  public Scope entityScope() {
    return entityScope;
  }

  /** The type named {@code name} in a rule file, or null. */
  public static EntityType fromYaml(String name) {
    for (EntityType t : values()) {
      if (t.yamlName.equals(name)) {
        return t;
      }
    }
    return null;
  }

  public static String yamlNames() {
    return Arrays.stream(values()).map(EntityType::yamlName).collect(Collectors.joining(" | "));
  }
}
