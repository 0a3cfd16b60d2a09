package ai.curate.mcap.records;

import java.util.Map;

/** The Metadata record (0x0C): a named set of string key-value pairs. */
public record Metadata(String name, Map<String, String> metadata) {
  public Metadata {
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }
}
