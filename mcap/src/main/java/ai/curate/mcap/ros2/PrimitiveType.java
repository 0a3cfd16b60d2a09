package ai.curate.mcap.ros2;

import java.util.Locale;
import java.util.Optional;

/** The primitive types of ROS 2 message definitions, with their CDR size (0 for the variable-length strings). */
public enum PrimitiveType {
  BOOL(1),
  BYTE(1),
  CHAR(1),
  INT8(1),
  UINT8(1),
  INT16(2),
  UINT16(2),
  INT32(4),
  UINT32(4),
  INT64(8),
  UINT64(8),
  FLOAT32(4),
  FLOAT64(8),
  STRING(0),
  WSTRING(0);

  private final int size;

  PrimitiveType(int size) {
    this.size = size;
  }

  /** Bytes on the wire for fixed-size types; 0 for {@code string} and {@code wstring}. */
  public int size() {
    return size;
  }

  /** True for {@code string} and {@code wstring}, which XTypes does not count as primitive. */
  public boolean isString() {
    return size == 0;
  }

  /** The name used in message definitions ({@code float64}). */
  public String rosName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The primitive named {@code name} in a message definition, if it is one. */
  public static Optional<PrimitiveType> byRosName(String name) {
    for (PrimitiveType type : values()) {
      if (type.rosName().equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
