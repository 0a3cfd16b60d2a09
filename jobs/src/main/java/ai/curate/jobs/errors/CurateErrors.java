package ai.curate.jobs.errors;

import java.nio.file.Path;
import java.util.Collection;

/** The one place user-facing error messages are built: each says what is wrong and what to do. */
public final class CurateErrors {
  private CurateErrors() {}

  public static UserError configFileMissing(Path file) {
    return new UserError("config file not found: " + file + " (pass --config FILE; the default is configs/local.yaml)");
  }

  public static UserError configUnreadable(Path file, String detail) {
    return new UserError("config file " + file + " is not valid YAML: " + detail);
  }

  public static UserError unknownConfigKey(String key, Collection<?> known) {
    return new UserError("unknown config key '" + key + "'" + (known == null || known.isEmpty() ? "" : " (known keys here: " + String.join(", ", known.stream().map(String::valueOf).sorted().toList()) + ")"));
  }

  public static UserError badConfigValue(String key, String detail) {
    return new UserError("config key '" + key + "': " + detail);
  }

  public static UserError renamedConfigKey(String oldKey, String newKey) {
    return new UserError("config key '" + oldKey + "' was renamed: use '" + newKey + "' (e.g. --set " + newKey
        + "=...)");
  }

  public static UserError badOverride(String override) {
    return new UserError("--set expects key=value, got '" + override + "' (example: --set paths.raw=/data/raw)");
  }

  public static UserError badDate(String value) {
    return new UserError("--date expects an ISO date YYYY-MM-DD, got '" + value + "'");
  }

  public static UserError unknownStage(String name, Collection<String> known) {
    return new UserError("unknown stage '" + name + "' (stages: " + String.join(", ", known) + ")");
  }

  public static UserError stageNotAvailable(String name, String issue, Collection<String> available) {
    return new UserError("stage '" + name + "' is not built yet (" + issue + "); stages available now: "
        + (available.isEmpty() ? "none" : String.join(", ", available)));
  }

  public static UserError rawDateMissing(String what, String path) {
    return new UserError("no " + what + " input for this date: " + path + " does not exist (check --date and paths.raw)");
  }

  public static UserError sqlFailed(String detail) {
    return new UserError("SQL failed: " + detail);
  }
}
