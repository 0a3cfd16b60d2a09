package ai.curate.mcap.ros2;

import java.util.List;

/**
 * One parsed message definition.
 *
 * @param name the full name {@code pkg/Type}
 * @param fields the serialized fields, in definition order
 * @param constants the constants, which are not serialized
 */
public record MessageType(String name, List<MessageField> fields, List<MessageConstant> constants) {
  public MessageType {
    fields = List.copyOf(fields);
    constants = List.copyOf(constants);
  }
}
