package ai.curate.jobs.human.egodex;

/**
 * An EgoDex HDF5 file that cannot be used: {@link #unreadable()} when it is not HDF5 or is damaged (truncated, a
 * checksum or a compressed chunk that does not decode), {@link #tooManyFrames()} when it declares more frames than
 * the reader may hold, otherwise invalid (a required dataset missing, of the wrong shape or type). The message says what and where, in words for the ledger.
 */
public final class EgodexFormatException extends Exception {
  private final boolean unreadable;
  private final boolean tooManyFrames;

  private EgodexFormatException(boolean unreadable, boolean tooManyFrames, String message, Throwable cause) {
    super(message, cause);
    this.unreadable = unreadable;
    this.tooManyFrames = tooManyFrames;
  }

  static EgodexFormatException unreadable(String message, Throwable cause) {
    return new EgodexFormatException(true, false, message, cause);
  }

  static EgodexFormatException invalid(String message) {
    return new EgodexFormatException(false, false, message, null);
  }

  static EgodexFormatException tooManyFrames(String message) {
    return new EgodexFormatException(false, true, message, null);
  }

  public boolean unreadable() {
    return unreadable;
  }

  /** The recording declares more frames than the reader was allowed to hold. */
  public boolean tooManyFrames() {
    return tooManyFrames;
  }
}
