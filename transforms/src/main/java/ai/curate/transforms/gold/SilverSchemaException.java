package ai.curate.transforms.gold;

/** A silver table does not have the columns the gold transforms read: a user-fixable mismatch of stage versions. */
public final class SilverSchemaException extends IllegalArgumentException {
  public SilverSchemaException(String message) {
    super(message);
  }
}
