package ai.curate.retargeting.retarget;

/** A robot retargeting config that cannot be used; the message names the file and the key. */
public class RetargetConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public RetargetConfigException(String message) {
    this(message, null);
  }

  public RetargetConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
