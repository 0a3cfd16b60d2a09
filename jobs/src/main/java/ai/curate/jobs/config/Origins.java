package ai.curate.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Where each setting's value came from, recorded source by source in precedence order so the last one wins. Keys are
 * a setting's key, or for an entry of a map-valued setting, {@link #entryKey}.
 */
final class Origins {
  private final Map<String, String> byKey = new HashMap<>();

  static String entryKey(Setting<?> mapSetting, String entry) {
    return mapSetting.key() + " " + entry;
  }

  /** Marks every declared setting (or map entry) present in {@code source} as coming from {@code origin}. */
  void record(ObjectNode source, String origin) {
    for (Setting<?> setting : Settings.ALL) {
      JsonNode leaf = source.at(setting.pointer());
      if (leaf.isMissingNode()) {
        continue;
      }
      if (setting.isMap() && leaf.isObject()) {
        for (Iterator<String> it = leaf.fieldNames(); it.hasNext();) {
          byKey.put(entryKey(setting, it.next()), origin);
        }
      } else {
        byKey.put(setting.key(), origin);
      }
    }
  }

  Map<String, String> byKey() {
    return Map.copyOf(byKey);
  }
}
