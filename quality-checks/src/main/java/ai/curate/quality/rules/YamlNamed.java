package ai.curate.quality.rules;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum constant spelled in rule files by a YAML name (its Java name in lower case). The lookups here serve every such enum, so a rule file's
 * word is parsed and listed (in error messages) the same way for entity types, scopes and severities.
 */
public interface YamlNamed {

  /** The name in rule files (and in the report's columns): the constant's name in lower case. */
  default String yamlName() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
  }

  /** The constant of {@code type} named {@code name} in a rule file, or null. */
  static <E extends Enum<E> & YamlNamed> E fromYaml(Class<E> type, String name) {
    for (E e : type.getEnumConstants()) {
      if (e.yamlName().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** The names of all of {@code type}'s constants, for messages: {@code "warn | quarantine | fail"}. */
  static <E extends Enum<E> & YamlNamed> String yamlNames(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(YamlNamed::yamlName).collect(Collectors.joining(" | "));
  }
}
