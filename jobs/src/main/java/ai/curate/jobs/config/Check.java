package ai.curate.jobs.config;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Predicate;

/**
 * One rule a setting's value must follow. {@link #problem} returns null when the value is fine, else what is wrong,
 * phrased to follow "config key 'k': " in the error message.
 */
@FunctionalInterface
public interface Check<T> {
  String problem(String key, T value);

  /** A check with a fixed message; a null value fails it too. */
  static <T> Check<T> that(Predicate<T> ok, String problem) {
    return (key, v) -> v != null && ok.test(v) ? null : problem;
  }

  /** Any value but null (a blank YAML value), which fails with {@code problem}. */
  static <T> Check<T> present(String problem) {
    return that(v -> true, problem);
  }

  static <N extends Number> Check<N> positive() {
    return that(v -> v.doubleValue() > 0, "must be > 0");
  }

  static <N extends Number> Check<N> atLeast(long min) {
    return (key, v) -> v != null && v.doubleValue() >= min ? null : "must be >= " + min + ", got " + v;
  }

  /** A number in [min, max]. */
  static <N extends Number> Check<N> between(long min, long max) {
    return (key, v) -> v != null && v.doubleValue() >= min && v.doubleValue() <= max
        ? null
        : "must be between " + min + " and " + max + ", got " + v;
  }

  static Check<String> nonBlank() {
    return (key, v) -> v != null && !v.isBlank()
        ? null
        : "must be set (in the config file or with --set " + key + "=...)";
  }

  static Check<String> oneOf(List<String> allowed) {
    return (key, v) -> allowed.contains(v) ? null : "must be one of " + allowed + ", got '" + v + "'";
  }

  static Check<String> isoDate() {
    return (key, v) -> {
      try {
        LocalDate.parse(v);
        return null;
      } catch (DateTimeParseException | NullPointerException e) {
        return "expected YYYY-MM-DD, got '" + v + "'";
      }
    };
  }

  /** A rule file name: set, and ending in .yaml or .yml. */
  static Check<String> yamlFile() {
    Check<String> set = nonBlank();
    return (key, v) -> set.problem(key, v) != null
        ? set.problem(key, v)
        : v.endsWith(".yaml") || v.endsWith(".yml")
            ? null
            : "must name a rule file (.yaml or .yml), got '" + v + "'";
  }
}
