package ai.curate.mcap;

import ai.curate.mcap.McapFormatException.Kind;

/**
 * Where and how a file stops being intact, as found by a linear scan: the scan returned everything before
 * {@code offset}. {@link #code()} is the stable kind for the ingest error ledger.
 */
public record McapDamage(Kind kind, long offset, String detail) {
  static McapDamage of(McapFormatException e) {
    return new McapDamage(e.kind(), e.offset(), e.detail());
  }

  /** The stable kind name, e.g. {@code truncated}. */
  public String code() {
    return kind.code();
  }

  @Override
  public String toString() {
    return kind.code() + " at byte " + offset + ": " + detail;
  }
}
