package ai.curate.mcap;

/**
 * A file that is not valid MCAP, or not intact: carries a stable, machine-readable {@link Kind} (it becomes the
 * {@code kind} column of the ingest error ledger) and the byte offset in the file where the problem was found.
 */
public final class McapFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong; {@link #code()} is the stable name written to ledgers. */
  public enum Kind {
    /** The file does not start (or end) with the MCAP magic bytes. */
    BAD_MAGIC("bad_magic"),
    /** The file ends inside a record, or before the footer and closing magic. */
    TRUNCATED("truncated"),
    /** A CRC-32 stored in the file does not match the bytes it covers. */
    CRC_MISMATCH("crc_mismatch"),
    /** A chunk names a compression other than "", "zstd" and "lz4". */
    UNKNOWN_COMPRESSION("unknown_compression"),
    /** A compressed chunk could not be decompressed, or decompressed to the wrong size. */
    DECOMPRESSION_FAILED("decompression_failed"),
    /** A record's length is beyond the reader's configured cap: refused rather than allocated. */
    RECORD_TOO_LARGE("record_too_large"),
    /** A record's fields do not fit its body, or a record is not what its place in the file requires. */
    BAD_RECORD("bad_record");

    private final String code;

    Kind(String code) {
      this.code = code;
    }

    /** The stable lower-case name, e.g. {@code crc_mismatch}. */
    public String code() {
      return code;
    }
  }

  private final Kind kind;
  private final long offset;
  private final String detail;

  /** A problem of {@code kind} found at byte {@code offset}; {@code detail} says what, in words. */
  public McapFormatException(Kind kind, long offset, String detail) {
    super(kind.code() + " at byte " + offset + ": " + detail);
    this.kind = kind;
    this.offset = offset;
    this.detail = detail;
  }

  /** The same, keeping the underlying cause (e.g. the decompressor's error). */
  public McapFormatException(Kind kind, long offset, String detail, Throwable cause) {
    this(kind, offset, detail);
    initCause(cause);
  }

  /** The stable category of the problem. */
  public Kind kind() {
    return kind;
  }

  /** The byte offset in the file (of the record concerned, or where the file ended). */
  public long offset() {
    return offset;
  }

  /** What is wrong, without the kind and offset prefix of {@link #getMessage()}. */
  public String detail() {
    return detail;
  }
}
