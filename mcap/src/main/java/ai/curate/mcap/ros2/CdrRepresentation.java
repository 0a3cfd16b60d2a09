package ai.curate.mcap.ros2;

/**
 * The CDR representations of the 4-byte encapsulation header (byte 1; RTPS 2.5 / DDS-XTypes 1.3, 7.6.2.1.2) that
 * this package reads and writes. ROS 2 writes {@link #CDR_LE} in practice.
 *
 * <ul>
 * <li>XCDR1 ({@code CDR_*}): 8-byte primitives align to 8;
 * <li>XCDR2 ({@code CDR2_*}, {@code D_CDR2_*}): 8-byte primitives align to 4;
 * <li>{@code D_CDR2_*} (delimited, appendable types): a DHEADER (u32 byte size) precedes every struct and every
 * array or sequence whose elements are not primitive (strings and structs). The header can only say how the
 * top-level type is extended, so every nested struct is taken to be appendable too, as ROS 2 types are declared
 * alike.
 * </ul>
 *
 * Alignment is relative to the first byte after the encapsulation header. Parameter-list encodings (PL_CDR, PL_CDR2,
 * ids 0x02, 0x03, 0x0a, 0x0b) are recognised but not supported.
 */
public enum CdrRepresentation {
  CDR_BE(0x00, false, false, false),
  CDR_LE(0x01, true, false, false),
  CDR2_BE(0x06, false, true, false),
  CDR2_LE(0x07, true, true, false),
  D_CDR2_BE(0x08, false, true, true),
  D_CDR2_LE(0x09, true, true, true);

  private final int id;
  private final boolean littleEndian;
  private final boolean xcdr2;
  private final boolean delimited;

  CdrRepresentation(int id, boolean littleEndian, boolean xcdr2, boolean delimited) {
    this.id = id;
    this.littleEndian = littleEndian;
    this.xcdr2 = xcdr2;
    this.delimited = delimited;
  }

  /** The representation identifier, byte 1 of the encapsulation header. */
  public int id() {
    return id;
  }

  public boolean littleEndian() {
    return littleEndian;
  }

  /** XCDR2 (8-byte primitives aligned to 4) rather than XCDR1 (aligned to 8). */
  public boolean xcdr2() {
    return xcdr2;
  }

  /** Whether DHEADERs precede structs and arrays of non-primitive elements. */
  public boolean delimited() {
    return delimited;
  }

  /** The largest alignment a primitive needs: 8 in XCDR1, 4 in XCDR2. */
  int maxAlignment() {
    return xcdr2 ? 4 : 8;
  }

  /**
   * The representation of encapsulation header byte 1 {@code id}: ENCODING_UNSUPPORTED for the parameter-list ones
   * (valid, not handled), MESSAGE_UNDECODABLE for any other value (not CDR, or a corrupt message).
   */
  public static CdrRepresentation of(int id) {
    for (CdrRepresentation r : values()) {
      if (r.id == id) {
        return r;
      }
    }
    String what = String.format("CDR encapsulation id 0x%02x", id);
    throw switch (id) {
      case 0x02, 0x03 -> MessageDecodingException.unsupported(what + " (PL_CDR, parameter list) is not supported");
      case 0x0a, 0x0b -> MessageDecodingException.unsupported(what + " (PL_CDR2, parameter list) is not supported");
      default -> MessageDecodingException.message(what + " is not a known representation");
    };
  }
}
