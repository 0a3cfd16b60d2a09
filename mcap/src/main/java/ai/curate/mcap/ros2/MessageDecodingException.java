package ai.curate.mcap.ros2;

/**
 * The one failure of message decoding, with a stable {@link Kind} (what went wrong, for a ledger row) and a human
 * {@link #detail()} (where: the schema line, the byte offset, the field path).
 */
public final class MessageDecodingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Stable, machine-readable failure kinds; {@link #code()} is the text written to ledgers. */
  public enum Kind {
    /** The channel's schema text could not be parsed or references an undefined type. */
    SCHEMA_UNPARSABLE("schema_unparsable"),
    /** One message's bytes do not decode (truncated, malformed, or not matching the schema). */
    MESSAGE_UNDECODABLE("message_undecodable"),
    /** The message encoding, schema encoding, CDR representation or a type is not supported. */
    ENCODING_UNSUPPORTED("encoding_unsupported");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The stable snake_case name of this kind. */
    public String code() {
      return code;
    }
  }

  private final Kind kind;
  private final String detail;

  public MessageDecodingException(Kind kind, String detail) {
    this(kind, detail, null);
  }

  public MessageDecodingException(Kind kind, String detail, Throwable cause) {
    super(kind.code() + ": " + detail, cause);
    this.kind = kind;
    this.detail = detail;
  }

  static MessageDecodingException schema(String detail) {
    return new MessageDecodingException(Kind.SCHEMA_UNPARSABLE, detail);
  }

  static MessageDecodingException message(String detail) {
    return new MessageDecodingException(Kind.MESSAGE_UNDECODABLE, detail);
  }

  static MessageDecodingException unsupported(String detail) {
    return new MessageDecodingException(Kind.ENCODING_UNSUPPORTED, detail);
  }

  public Kind kind() {
    return kind;
  }

  /** What failed and where, without the kind prefix. */
  public String detail() {
    return detail;
  }
}
