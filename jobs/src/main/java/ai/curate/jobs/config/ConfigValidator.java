package ai.curate.jobs.config;

import ai.curate.jobs.errors.CurateErrors;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;

/**
 * Checks the bound configuration once, so the rest of the code can trust it: every declared {@link Setting}'s own
 * checks, in declaration order, then {@link Settings#WHOLE_CONFIG_CHECKS}. Messages name the key.
 */
final class ConfigValidator {
  private ConfigValidator() {}

  /**
   * @param bound the bound config as a tree ({@code mapper.valueToTree(config)}): its leaves have their bound types
   */
  static void validate(CurateConfig config, JsonNode bound, ObjectMapper mapper) {
    for (Setting<?> setting : Settings.ALL) {
      validate(setting, bound, mapper);
    }
    for (Settings.WholeConfigCheck check : Settings.WHOLE_CONFIG_CHECKS) {
      String problem = check.problem().apply(config);
      if (problem != null) {
        throw CurateErrors.badConfigValue(check.key(), problem);
      }
    }
  }

  private static <T> void validate(Setting<T> setting, JsonNode bound, ObjectMapper mapper) {
    String[] parts = setting.key().split("\\.");
    JsonNode node = bound;
    for (int i = 0; i < parts.length - 1; i++) {
      node = node.get(parts[i]);
      if (node == null || node.isNull()) {
        throw CurateErrors.badConfigValue(String.join(".", java.util.List.of(parts).subList(0, i + 1)),
            "section is required");
      }
    }
    JsonNode leaf = node.get(parts[parts.length - 1]);
    T value = leaf == null || leaf.isNull() ? null : mapper.convertValue(leaf, javaType(setting, mapper));
    setting.validate(value);
  }

  static JavaType javaType(Setting<?> setting, ObjectMapper mapper) {
    return setting.isMap()
        ? mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, setting.entryType())
        : mapper.constructType(setting.type());
  }
}
