package ai.curate.mcap.ros2;

/**
 * The type of a field: a primitive or a nested message (by full name {@code pkg/Type}), optionally an array.
 *
 * @param primitive the primitive type, or null for a nested message
 * @param messageType the nested message's full name {@code pkg/Type}, or null for a primitive
 * @param stringBound the bound N of {@code string<=N}, or -1 when unbounded
 * @param array whether and how the field is an array
 * @param arrayLength the length N of a fixed array {@code T[N]}, the bound N of {@code T[<=N]}, else -1
 */
public record FieldType(PrimitiveType primitive, String messageType, int stringBound, ArrayKind array,
    int arrayLength) {

  /** How a field repeats: not at all, {@code T[N]}, {@code T[]} or {@code T[<=N]}. */
  public enum ArrayKind {
    NONE,
    FIXED,
    UNBOUNDED,
    BOUNDED
  }

  public boolean isPrimitive() {
    return primitive != null;
  }

  public boolean isArray() {
    return array != ArrayKind.NONE;
  }

  /** Whether the wire form carries a u32 element count (sequences, bounded or not). */
  public boolean isSequence() {
    return array == ArrayKind.UNBOUNDED || array == ArrayKind.BOUNDED;
  }

  @Override
  public String toString() {
    String base = isPrimitive() ? primitive.rosName() : messageType;
    if (stringBound >= 0) {
      base += "<=" + stringBound;
    }
    return switch (array) {
      case NONE -> base;
      case FIXED -> base + "[" + arrayLength + "]";
      case UNBOUNDED -> base + "[]";
      case BOUNDED -> base + "[<=" + arrayLength + "]";
    };
  }
}
