package ai.curate.mcap.ros2;

/**
 * A constant of a message definition ({@code int32 FOO=1}); constants are not serialized.
 *
 * @param name the constant's name
 * @param type its primitive type
 * @param value the value in the value model
 */
public record MessageConstant(String name, PrimitiveType type, Object value) {}
