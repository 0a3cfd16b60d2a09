package ai.curate.jobs.human;

/** A clip file that cannot be used; {@link #errorKind()} is the ledger's error kind, the message says what to fix. */
public class ClipFormatException extends Exception {
  private final String errorKind;

  public ClipFormatException(String errorKind, String message) {
    super(message);
    this.errorKind = errorKind;
  }

  public ClipFormatException(String errorKind, String message, Throwable cause) {
    super(message, cause);
    this.errorKind = errorKind;
  }

  public String errorKind() {
    return errorKind;
  }
}
