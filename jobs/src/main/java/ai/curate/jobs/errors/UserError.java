package ai.curate.jobs.errors;

/**
 * A problem the user can fix (bad flag, bad config, missing input folder). The CLI prints its message as one line,
 * never a stack trace, and exits with {@link #EXIT_CODE}. Build instances through {@link CurateErrors} so wording
 * stays consistent.
 */
public class UserError extends RuntimeException {
  public static final int EXIT_CODE = 2;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
