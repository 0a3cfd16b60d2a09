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

  /**
   * Throws ENCODING_UNSUPPORTED, naming the field, when a field reachable from the root is a {@code wstring}: its
   * CDR form is implementation-defined (the character width depends on the rmw), and Foxglove's reader and writer
   * refuse it too.
   */
  void rejectWstring() {
    rejectWstring(root, root.name());
  }

  private void rejectWstring(MessageType type, String path) {
    for (MessageField field : type.fields()) {
      FieldType t = field.type();
      if (t.primitive() == PrimitiveType.WSTRING) {
        throw MessageDecodingException.unsupported("field " + path + "." + field.name()
            + " is a wstring, whose CDR form is implementation-defined (not supported, as in Foxglove's reader)");
      } else if (!t.isPrimitive()) {
        rejectWstring(type(t.messageType()), path + "." + field.name());
      }
    }
  }
}
