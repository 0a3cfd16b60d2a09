package ai.curate.jobs.fleet;

/** The manifest cannot be used at all; the whole session goes to the ledger under {@link #errorKind()}. */
final class ManifestException extends Exception {
  private final String errorKind;

  ManifestException(String errorKind, String message) {
    super(message);
    this.errorKind = errorKind;
  }

  String errorKind() {
    return errorKind;
  }
}
