package ai.curate.mcap.ros2;

/**
 * One field of a message definition.
 *
 * @param name the field name
 * @param type its type
 * @param defaultValue the declared default in the value model ({@code int32 x 5} gives Integer 5), or null
 */
public record MessageField(String name, FieldType type, Object defaultValue) {}
