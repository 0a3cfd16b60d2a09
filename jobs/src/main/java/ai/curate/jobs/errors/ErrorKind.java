package ai.curate.jobs.errors;

/**
 * The stable kinds of user error. Schedulers and scripts may rely on these names (they are part of the CLI's
 * contract); messages may be reworded, kinds are not renamed.
 */
public enum ErrorKind {
  /** A command-line flag or option is missing or malformed. */
  USAGE,
  /** The configuration (file, {@code --set}, or a file a setting names) is missing or invalid. */
  CONFIG,
  /** An input the command needs is not there yet: a raw date folder, a table, an earlier stage's output. */
  MISSING_INPUT,
  /** A file the user handed over (URDF, robot config, rule file, pose file) cannot be used as it is. */
  INVALID_INPUT,
  /** The date's quality gate is closed, or its tables do not agree on one run: publishing must not go on. */
  GATE_CLOSED,
  /** A query was refused or failed to analyse. */
  SQL,
  /**
   * The catalog or another shared resource is held or unreachable, or a run would change a shared catalog entry
   * (repoint a table name) without being told to.
   */
  CATALOG,
  /** A local file could not be written where the user asked. */
  OUTPUT
}
