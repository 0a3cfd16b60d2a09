package ai.curate.jobs.errors;

import ai.curate.quality.QualityRuleException;
import ai.curate.retargeting.retarget.RetargetConfigException;
import ai.curate.retargeting.urdf.UrdfException;
import ai.curate.transforms.gold.SilverSchemaException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Optional;
import org.apache.spark.sql.AnalysisException;

/**
 * The one place user-facing errors of the jobs are built (learn from Delta's {@code DeltaErrors}): each says what is
 * wrong and what to do, and carries a stable {@link ErrorKind}. Sections follow the areas of the code: command line,
 * configuration, stages and tables, queries and catalog. Ledger rows for bad raw input are not user errors; they are
 * built by {@code FleetIngestErrors} and {@code HumanIngestErrors}.
 */
public final class CurateErrors {
  private CurateErrors() {}

  /**
   * The error to show the user for {@code e}, or empty when {@code e} is an internal error (a bug: printed with its
   * trace). Decided by type: our {@link UserError}s, Spark's analysis errors (a query that names a missing table or
   * column), and the input errors of the library modules (a malformed URDF, robot config, rule file or silver
   * table), which are the user's to fix.
   */
  public static Optional<UserError> asUserError(Throwable e) {
    if (e instanceof UserError u) {
      return Optional.of(u);
    }
    if (e instanceof AnalysisException) {
      return Optional.of(new UserError(ErrorKind.SQL, e.getMessage(), e));
    }
    if (e instanceof UrdfException || e instanceof RetargetConfigException || e instanceof QualityRuleException
        || e instanceof SilverSchemaException) {
      return Optional.of(new UserError(ErrorKind.INVALID_INPUT, e.getMessage(), e));
    }
    return Optional.empty();
  }

  // ---- command line -------------------------------------------------------------------------------------------

  public static UserError badDate(String value) {
    return new UserError(ErrorKind.USAGE, "--date expects an ISO date YYYY-MM-DD, got '" + value + "'");
  }

  public static UserError unknownStage(String name, Collection<String> known) {
    return new UserError(ErrorKind.USAGE, "unknown stage '" + name + "' (stages: " + String.join(", ", known) + ")");
  }

  /** A required option or an option's value out of range, e.g. {@code optionInvalid("--threads", "must be ...")}. */
  public static UserError optionInvalid(String option, String detail) {
    return new UserError(ErrorKind.USAGE, option + " " + detail);
  }

  public static UserError fileNotFound(Path file) {
    return new UserError(ErrorKind.MISSING_INPUT, "file not found: " + file);
  }

  /** A library rejected a file the user passed directly on the command line (e.g. {@code curate retarget}). */
  public static UserError invalidInput(String detail, Throwable cause) {
    return new UserError(ErrorKind.INVALID_INPUT, detail, cause);
  }

  /** {@code curate mcap}: the file is not MCAP, or is damaged where it cannot be read past. */
  public static UserError mcapUnreadable(Path file, String detail, Throwable cause) {
    return new UserError(ErrorKind.INVALID_INPUT, file + " is not a readable MCAP file: " + detail, cause);
  }

  public static UserError mcapTopicUnknown(Collection<String> unknown, Collection<String> topics) {
    return new UserError(ErrorKind.USAGE, "--topic " + String.join(", ", unknown) + ": no such topic in the file"
        + " (topics: " + String.join(", ", topics) + ")");
  }

  public static UserError outputFolderMissing(String option, Path folder) {
    return new UserError(ErrorKind.OUTPUT, option + ": folder " + folder + " does not exist");
  }

  public static UserError outputNotWritable(String option, Path target, Exception cause) {
    return new UserError(ErrorKind.OUTPUT, option + ": cannot write " + target + ": " + cause.getMessage(), cause);
  }

  public static UserError outputFolderNotCreated(Path folder, Exception cause) {
    return new UserError(ErrorKind.OUTPUT, "cannot create the output folder " + folder + ": " + cause.getMessage(),
        cause);
  }

  public static UserError demoNeedsLocalRaw(String raw) {
    return new UserError(ErrorKind.USAGE, "demo writes its sample to a local folder; paths.raw is '" + raw
        + "' (use --set paths.raw=DIR, or generate-sample + run for other file systems)");
  }

  // ---- configuration ------------------------------------------------------------------------------------------

  public static UserError configFileMissing(Path file) {
    return new UserError(ErrorKind.CONFIG,
        "config file not found: " + file + " (pass --config FILE; the default is configs/local.yaml)");
  }

  public static UserError configUnreadable(Path file, String detail) {
    return new UserError(ErrorKind.CONFIG, "config file " + file + " is not valid YAML: " + detail);
  }

  public static UserError configNotBound(String detail) {
    return new UserError(ErrorKind.CONFIG, "config could not be read: " + detail);
  }

  public static UserError unknownConfigKey(String key, Collection<?> known) {
    String hint = known == null || known.isEmpty()
        ? ""
        : " (known keys here: " + String.join(", ", known.stream().map(String::valueOf).sorted().toList()) + ")";
    return new UserError(ErrorKind.CONFIG, "unknown config key '" + key + "'" + hint);
  }

  public static UserError badConfigValue(String key, String detail) {
    return new UserError(ErrorKind.CONFIG, "config key '" + key + "': " + detail);
  }

  public static UserError renamedConfigKey(String oldKey, String newKey) {
    return new UserError(ErrorKind.CONFIG,
        "config key '" + oldKey + "' was renamed: use '" + newKey + "' (e.g. --set " + newKey + "=...)");
  }

  public static UserError badOverride(String override) {
    return new UserError(ErrorKind.USAGE,
        "--set expects key=value, got '" + override + "' (example: --set paths.raw=/data/raw)");
  }

  /** A file a setting names does not exist; {@code purpose} says what it is for. */
  public static UserError configuredFileMissing(String key, String what, Path file, String purpose) {
    return new UserError(ErrorKind.CONFIG, key + ": " + what + " not found: " + file + " (" + purpose + ")");
  }

  /** A file a setting names exists but a library rejected it. */
  public static UserError configuredFileInvalid(String key, String detail, Throwable cause) {
    return new UserError(ErrorKind.CONFIG, key + ": " + detail, cause);
  }

  public static UserError ruleFileForWrongEntity(String key, Path file, String found, String expected) {
    return new UserError(ErrorKind.CONFIG,
        key + ": " + file + " has entity '" + found + "', expected '" + expected + "'");
  }

  public static UserError gridCameraMissing(String camera, LocalDate date, Collection<String> cameras) {
    return new UserError(ErrorKind.CONFIG, "align.grid_camera is '" + camera + "' but the sessions of " + date
        + " have cameras " + cameras + " (set align.grid_camera or align.fixed_rate_hz)");
  }

  public static UserError robotModelMismatch(LocalDate date, String detail) {
    return new UserError(ErrorKind.CONFIG, "publish " + date + ": " + detail);
  }

  // ---- stages and tables --------------------------------------------------------------------------------------

  public static UserError rawDateMissing(String what, String path) {
    return new UserError(ErrorKind.MISSING_INPUT,
        "no " + what + " input for this date: " + path + " does not exist (check --date and paths.raw)");
  }

  /** A date folder of the landing zone that is a symbolic link: not followed, the date is not read. */
  public static UserError rawDateIsLink(String path) {
    return new UserError(ErrorKind.INVALID_INPUT, "the landing zone's date folder " + path + " is a symbolic link, "
        + "which is never followed (it can point outside the landing zone): move or copy the date's data into a real "
        + "folder there");
  }

  /** An earlier stage has not written what this one reads: {@code runFirst} is the command to run. */
  public static UserError earlierStageMissing(String detail, String runFirst) {
    return new UserError(ErrorKind.MISSING_INPUT, detail + ": run `" + runFirst + "` first");
  }

  /** {@code curate view}: no episode or clip of the date has that id (and identity options). */
  public static UserError unknownEntity(String id, LocalDate date, String detail) {
    return new UserError(ErrorKind.MISSING_INPUT, "no episode or clip '" + id + "' in gold.quality_report for " + date
        + detail);
  }

  /** {@code curate view}: several entities share the id; the options that tell them apart are named. */
  public static UserError ambiguousEntity(String id, LocalDate date, Collection<String> identities) {
    return new UserError(ErrorKind.USAGE, "'" + id + "' names " + identities.size() + " entities on " + date + " ("
        + String.join(", ", identities) + "): add --robot and --session, or --dataset");
  }

  /** Like {@link #earlierStageMissing} for a message that already says what to run. */
  public static UserError nothingToDo(String detail) {
    return new UserError(ErrorKind.MISSING_INPUT, detail);
  }

  /** A table written by an earlier stage lacks what this stage reads (an older or foreign writer). */
  public static UserError tableContract(String detail) {
    return new UserError(ErrorKind.INVALID_INPUT, detail);
  }

  /**
   * A table's files are partitioned otherwise than this version writes them (an older version created it) and the
   * writer does not migrate that table by itself.
   */
  public static UserError tablePartitioningChanged(String table, String location, Collection<String> actual,
      Collection<String> expected) {
    return new UserError(ErrorKind.INVALID_INPUT, table + " at " + location + " is partitioned by " + actual
        + " but this version writes it partitioned by " + expected + ": rewrite it with that partitioning, or move "
        + "it aside and rerun the dates it holds (docs/operations.md, \"Upgrading a warehouse\")");
  }

  public static UserError qualityRules(String detail, Throwable cause) {
    return new UserError(ErrorKind.CONFIG, "quality: " + detail, cause);
  }

  public static UserError qualityGateClosed(String detail) {
    return new UserError(ErrorKind.GATE_CLOSED, "quality: " + detail);
  }

  public static UserError publishGateClosed(LocalDate date, String entityType, String message) {
    return new UserError(ErrorKind.GATE_CLOSED, "the quality gate is closed for " + date + " (" + entityType + "s: "
        + message + "): fix the input or the rule and rerun `curate run --date " + date
        + " --stages quality` before publishing");
  }

  public static UserError gateRowMissing(LocalDate date) {
    return new UserError(ErrorKind.GATE_CLOSED, "the quality gate is closed for " + date + ": gold.quality_runs has no "
        + "row for it (quality did not finish); rerun `curate run --date " + date + " --stages quality` before "
        + "publishing");
  }

  public static UserError gateRunMismatch(LocalDate date, Collection<String> gateRuns, Collection<String> verdictRuns) {
    return new UserError(ErrorKind.GATE_CLOSED, "the quality gate is closed for " + date + ": gold.quality_runs is of "
        + "run " + gateRuns + " but the verdicts in gold.quality_report and gold.quarantine are of run " + verdictRuns
        + "; rerun `curate run --date " + date + " --stages quality` before publishing");
  }

  /** Tables that must hold one run's rows do not (an interrupted or partial write). */
  public static UserError inconsistentRuns(String detail, LocalDate date, String stage) {
    return new UserError(ErrorKind.GATE_CLOSED,
        detail + ": rerun `curate run --date " + date + " --stages " + stage + "`");
  }

  // ---- queries and catalog ------------------------------------------------------------------------------------

  public static UserError sqlFailed(String detail) {
    return new UserError(ErrorKind.SQL, "SQL failed: " + detail);
  }

  public static UserError sqlWriteRefused(String what) {
    return new UserError(ErrorKind.SQL, "curate sql is read-only by default and this statement is " + what
        + "; pass --allow-writes to run statements that change tables or the catalog");
  }

  /**
   * The catalog already has {@code table} at another location (another warehouse registered it): repointing it would
   * move the name for every reader of that catalog, so it takes --force.
   */
  public static UserError tableRegisteredElsewhere(String table, String current, String wanted) {
    return new UserError(ErrorKind.CATALOG, "the catalog has " + table + " at " + current + ", not at this run's "
        + wanted + "; leaving it as it is (it may be another warehouse's): check paths.warehouse and catalog settings, "
        + "or pass --force to repoint " + table + " to " + wanted + " for every reader of this catalog");
  }

  public static UserError catalogInUse(Path database, String holder) {
    return new UserError(ErrorKind.CATALOG, "the embedded catalog " + database + " is in use by " + holder
        + "; it admits one process at a time: wait for that process to finish, or set catalog.kind=jdbc "
        + "to share a catalog database (docs/operations.md, \"Catalogs\")");
  }

  public static UserError catalogPasswordUnreadable(Path file, Exception cause) {
    return new UserError(ErrorKind.CONFIG, "catalog.jdbc.password_file " + file + " cannot be read (" + cause
        .getMessage() + "): fix the file, or set the environment variable catalog.jdbc.password_env names", cause);
  }

  public static UserError catalogDatabaseUnsupported(String url, Collection<String> supported) {
    return new UserError(ErrorKind.CONFIG, "catalog.jdbc.url " + url + " names a database the catalog does not support"
        + " (supported URL prefixes: " + String.join(", ", new java.util.TreeSet<>(supported)) + ")");
  }

  public static UserError catalogUnreachable(String url, String why, Throwable cause) {
    return new UserError(ErrorKind.CATALOG, "cannot reach the catalog database " + url + ": " + why
        + " (check catalog.jdbc.url, catalog.jdbc.user, the password variable, and that the database is up)", cause);
  }

  public static UserError catalogNotInitialised(String url) {
    return new UserError(ErrorKind.CATALOG, "the catalog database " + url + " has no metastore schema yet: run"
        + " `curate catalog init` once (then `curate catalog register` to serve an existing warehouse)");
  }

  public static UserError catalogSchemaVersion(String url, String found, String needed) {
    return new UserError(ErrorKind.CATALOG, "the catalog database " + url + " holds a Hive metastore schema of version "
        + found + ", this build's metastore client needs " + needed + "; leaving it untouched: point catalog.jdbc.url"
        + " at a database of version " + needed + " or an empty one (Hive's schematool converts between versions)");
  }

  public static UserError catalogInitFailed(String url, Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new UserError(ErrorKind.CATALOG, "curate catalog init could not create the metastore schema in " + url
        + ": " + root.getMessage() + " (check that the user may create tables in that database)", cause);
  }

  public static UserError catalogInitNeedsJdbc(String kind) {
    return new UserError(ErrorKind.USAGE, "curate catalog init sets up the database of catalog.kind=jdbc, and this"
        + " config's catalog.kind is " + kind + ": set catalog.kind=jdbc and catalog.jdbc.url (docs/operations.md,"
        + " \"Catalogs\")");
  }

  public static UserError noTablesInWarehouse(String warehouse) {
    return new UserError(ErrorKind.MISSING_INPUT, "no Delta tables under " + warehouse + " (looked for"
        + " <layer>/<table>/_delta_log in bronze, silver and gold): check paths.warehouse");
  }

  public static UserError tablesRegisteredElsewhere(Collection<String> tables) {
    return new UserError(ErrorKind.CATALOG, tables.size() + " table names are registered at another location and were"
        + " left alone (" + String.join(", ", tables) + "): pass --force to repoint them to this warehouse");
  }

  public static UserError sqlServerWriteRefused(String what) {
    return new UserError(ErrorKind.SQL, "this curate sql-server is read-only and this statement is " + what
        + "; run it with curate sql --allow-writes, or start the server with --allow-writes");
  }

  public static UserError sqlServerSettingRefused(String key, Collection<String> settable) {
    return new UserError(ErrorKind.SQL, "this curate sql-server lets clients SET only "
        + String.join(", ", new java.util.TreeSet<>(settable)) + ", not " + key);
  }

  public static UserError sqlServerBindHostOverridden(String variable) {
    return new UserError(ErrorKind.USAGE, "the environment variable " + variable + " would override curate"
        + " sql-server's --host (and so its authentication): unset it and pass --host");
  }

  public static UserError sqlServerSettingInConfig(String key) {
    return new UserError(ErrorKind.CONFIG, key + " is set in the config, and curate sql-server sets the server's"
        + " address, port and authentication itself: remove it and use --host, --port and --user");
  }

  public static UserError warehouseUnlistable(String warehouse, Exception cause) {
    return new UserError(ErrorKind.MISSING_INPUT, "cannot list the warehouse " + warehouse + " (" + cause.getMessage()
        + "): check paths.warehouse and the file system's credentials", cause);
  }

  public static UserError sqlServerNeedsPassword(String host, String variable) {
    return new UserError(ErrorKind.USAGE, "curate sql-server --host " + host + " listens beyond this machine and"
        + " needs a password for its clients: set the environment variable " + variable + " (or keep the default"
        + " --host 127.0.0.1)");
  }

  public static UserError sqlServerDidNotStart(String host, int port, Throwable cause) {
    return new UserError(ErrorKind.OUTPUT, "curate sql-server could not listen on " + host + ":" + port + " ("
        + cause.getMessage() + "): is another server on that port? choose another with --port", cause);
  }

  // ---- local launcher (bin/curate) ----------------------------------------------------------------------------

  /** A master whose driver or executors need a cluster manager's submission (YARN, Kubernetes, ...). */
  public static UserError masterNeedsSubmit(String master) {
    return new UserError(ErrorKind.CONFIG, "spark.master '" + master + "' cannot be used from bin/curate, which "
        + "runs the driver here and supports local[...], local-cluster[...] and spark://... masters; "
        + "use curate submit --master " + master
        + " -- run ... (see docs/operations.md)");
  }

  /** local-cluster's executors would start from another Spark than the driver's (launcher bypassed). */
  public static UserError launcherSparkHomeNotSet(String master, Path expected, String actual) {
    return new UserError(ErrorKind.CONFIG, "spark.master '" + master + "' starts executors from SPARK_HOME, "
        + "which must be this installation's " + expected + " (it is " + (actual == null ? "unset" : actual)
        + "); run through bin/curate, which sets it");
  }
}
