package ai.curate.quality.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What a violation does, after Delta Live Tables' expectations: {@code warn} reports only; {@code quarantine}
 * holds the entity back from publishing; {@code fail} holds it back too and, when more than the rule's
 * {@code fail_fraction} of entities violate it, stops the run before publishing.
 */
public enum Severity {
  WARN("warn"), QUARANTINE("quarantine"), FAIL("fail");

  private final String yamlName;

  Severity(String yamlName) {
    this.yamlName = yamlName;
  }

  public String yamlName() {
    return yamlName;
  }

  /** True when a violation keeps the entity out of the pass list. */
  public boolean holdsBack() {
    return this != WARN;
  }

  public static Severity fromYaml(String name) {
    for (Severity s : values()) {
      if (s.yamlName.equals(name)) {
        return s;
      }
    }
    return null;
  }

  public static String yamlNames() {
    return Arrays.stream(values()).map(Severity::yamlName).collect(Collectors.joining(" | "));
  }
}
