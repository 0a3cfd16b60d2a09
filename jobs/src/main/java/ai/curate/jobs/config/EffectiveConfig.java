package ai.curate.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A loaded configuration with the provenance of each value ({@code curate config}).
 *
 * @param bound the bound config as a tree, keys as in the YAML
 * @param origins {@code default}, {@code file <path>} or {@code --set}, by setting key (map entries: "key entry")
 */
public record EffectiveConfig(CurateConfig config, JsonNode bound, Map<String, String> origins) {
  /** Where a setting's value came from. */
  public String origin(Setting<?> setting) {
    return origins.getOrDefault(setting.key(), ConfigLoader.DEFAULT);
  }

  /** Where one entry of a map-valued setting came from. */
  public String origin(Setting<?> mapSetting, String entry) {
    return origins.getOrDefault(Origins.entryKey(mapSetting, entry), ConfigLoader.DEFAULT);
  }
}
