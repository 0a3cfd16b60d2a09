package ai.curate.quality.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Where a rule looks. {@code timestep} rules see one row per step and aggregate to one value per entity;
 * {@code episode} and {@code clip} rules see one row per entity.
 */
public enum Scope {
  EPISODE("episode"), CLIP("clip"), TIMESTEP("timestep");

  private final String yamlName;

  Scope(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  public static Scope fromYaml(String name) {
    for (Scope s : values()) {
      if (s.yamlName.equals(name)) {
        return s;
      }
    }
    return null;
  }

  public static String yamlNames() {
    return Arrays.stream(values()).map(Scope::yamlName).collect(Collectors.joining(" | "));
  }
}
