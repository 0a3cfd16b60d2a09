package ai.curate.mcap.records;

import java.util.Map;

/** The Channel record (0x04): a topic, its message encoding (e.g. {@code cdr}) and schema (0 for none). */
public record Channel(int id, int schemaId, String topic, String messageEncoding, Map<String, String> metadata) {
  public Channel {
    metadata = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
  }
}
