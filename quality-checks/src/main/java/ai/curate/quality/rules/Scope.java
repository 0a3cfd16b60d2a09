package ai.curate.quality.rules;

/**
 * Where a rule looks. {@code timestep} rules see one row per step and aggregate to one value per entity;
 * {@code episode} and {@code clip} rules see one row per entity.
 */
public enum Scope implements YamlNamed {
  EPISODE,
  CLIP,
  TIMESTEP;
}
