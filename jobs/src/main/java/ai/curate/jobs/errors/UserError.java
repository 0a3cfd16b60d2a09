package ai.curate.jobs.errors;

/**
 * A problem the user can fix (bad flag, bad config, missing input). The CLI prints its message as one line, never a
 * stack trace, and exits with {@link #EXIT_CODE}. Instances are built only by {@link CurateErrors} (the constructors
 * are package-private), so wording and kinds stay consistent.
 */
public final class UserError extends RuntimeException {
  public static final int EXIT_CODE = 2;

  private final ErrorKind kind;

  UserError(ErrorKind kind, String message) {
    this(kind, message, null);
  }

  UserError(ErrorKind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  /** The stable kind of this error (see {@link ErrorKind}). */
  public ErrorKind kind() {
    return kind;
  }
}
