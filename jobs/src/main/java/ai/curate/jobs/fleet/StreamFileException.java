package ai.curate.jobs.fleet;

/** An Arrow stream or frame-index file that cannot be ingested, with its ledger kind. */
final class StreamFileException extends Exception {
  private final String errorKind;

  StreamFileException(String errorKind, String message) {
    super(message);
    this.errorKind = errorKind;
  }

  StreamFileException(String errorKind, String message, Throwable cause) {
    super(message, cause);
    this.errorKind = errorKind;
  }

  String errorKind() {
    return errorKind;
  }
}
