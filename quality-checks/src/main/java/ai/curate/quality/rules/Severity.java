package ai.curate.quality.rules;

/**
 * What a violation does, after Delta Live Tables' expectations: {@code warn} reports only; {@code quarantine}
 * holds the entity back from publishing; {@code fail} holds it back too and, when more than the rule's
 * {@code fail_fraction} of entities violate it, stops the run before publishing.
 */
public enum Severity implements YamlNamed {
  WARN,
  QUARANTINE,
  FAIL;

  /** True when a violation keeps the entity out of the pass list. */
  public boolean holdsBack() {
    return this != WARN;
  }
}
