package ai.curate.jobs.human.egodex;

/**
 * An EgoDex HDF5 file that cannot be used: {@link #unreadable()} when it is not HDF5 or is damaged (truncated, a
 * checksum or a compressed chunk that does not decode), otherwise invalid (a required dataset missing, of the wrong
 * shape or type). The message says what and where, in words for the ledger.
 */
public final class EgodexFormatException extends Exception {
  private final boolean unreadable;

  private EgodexFormatException(boolean unreadable, String message, Throwable cause) {
    super(message, cause);
    this.unreadable = unreadable;
  }

  static EgodexFormatException unreadable(String message, Throwable cause) {
    return new EgodexFormatException(true, message, cause);
  }

  static EgodexFormatException invalid(String message) {
    return new EgodexFormatException(false, message, null);
  }

  public boolean unreadable() {
    return unreadable;
  }
}
