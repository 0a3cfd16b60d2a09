package ai.curate.retargeting.urdf;

/**
 * A robot description that cannot be used: malformed XML, an inconsistent kinematic tree, a
 * missing limit. It is a user error (the file is wrong, not the program), so it extends
 * {@link IllegalArgumentException} and its message is one line that names the file and the
 * element at fault and says what to change.
 */
public class UrdfException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public UrdfException(String message) {
    super(message);
  }

  public UrdfException(String message, Throwable cause) {
    super(message, cause);
  }
}
