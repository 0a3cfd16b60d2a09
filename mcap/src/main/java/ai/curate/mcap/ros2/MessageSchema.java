package ai.curate.mcap.ros2;

import java.util.Map;

/**
 * A parsed {@code ros2msg} schema: the root message type and every type it refers to, by full name {@code pkg/Type}.
 * Every nested type a field names is present (the parser checks it), and there are no cycles.
 */
public record MessageSchema(MessageType root, Map<String, MessageType> types) {
  public MessageSchema {
    types = Map.copyOf(types);
  }

  /** The definition of the nested type {@code name} ({@code pkg/Type}). */
  public MessageType type(String name) {
    MessageType type = types.get(name);
    if (type == null) {
      throw new IllegalArgumentException("no type " + name + " in the schema of " + root.name());
    }
    return type;
  }
}
