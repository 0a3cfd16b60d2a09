package ai.curate.jobs.config;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.errors.UserError;
import com.fasterxml.jackson.core.JsonPointer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One configuration setting, declared once: its dotted key, value type, default, one-line documentation and checks.
 * The built-in defaults, the per-key validation, path resolution, {@code curate config} and docs/configuration.md
 * all read these declarations ({@link Settings#ALL}). Built with a small fluent builder:
 * <pre>
 * Setting.doubleSetting("align.bucket_seconds").doc("...").defaultValue(60.0).check(Check.positive())
 * </pre>
 * A setting is complete once {@link Settings} has built it; it is not changed afterwards.
 *
 * @param <T> the bound Java type ({@code String}, {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, or a
 *     {@code Map} for the free-form sections)
 */
public final class Setting<T> {
  private final String key;
  private final Class<?> type;
  private final String typeName;
  private String doc = "";
  private T defaultValue;
  private boolean path;
  private final List<Check<T>> checks = new ArrayList<>();
  private final Class<?> entryType;
  private final List<EntryCheck<?>> entryChecks = new ArrayList<>();

  private Setting(String key, Class<?> type, String typeName) {
    this(key, type, typeName, null);
  }

  private Setting(String key, Class<?> type, String typeName, Class<?> entryType) {
    this.key = key;
    this.type = type;
    this.typeName = typeName;
    this.entryType = entryType;
  }

  /**
   * A rule for one entry of a map-valued setting, given the entry's own key ({@code wrench}, {@code spark.master}).
   * Returns null when fine, else the error to report, naming the key the user wrote.
   */
  @FunctionalInterface
  public interface EntryCheck<V> {
    UserError problem(String entry, V value);
  }

  public static Setting<String> stringSetting(String key) {
    return new Setting<>(key, String.class, "string");
  }

  public static Setting<Integer> intSetting(String key) {
    return new Setting<>(key, Integer.class, "int");
  }

  public static Setting<Long> longSetting(String key) {
    return new Setting<>(key, Long.class, "long");
  }

  public static Setting<Double> doubleSetting(String key) {
    return new Setting<>(key, Double.class, "double");
  }

  public static Setting<Boolean> booleanSetting(String key) {
    return new Setting<>(key, Boolean.class, "boolean");
  }

  /**
   * A free-form section whose own keys are data (Spark settings, per-stream policies); each entry is checked by
   * the section's checks, and the whole section is one setting.
   */
  public static <V> Setting<Map<String, V>> mapSetting(String key, Class<V> valueType) {
    return new Setting<>(key, Map.class, valueType == String.class ? "map of string" : "map of section", valueType);
  }

  /** For a map-valued setting: a rule every entry must follow, checked in the map's order. */
  @SuppressWarnings("unchecked")
  public <V> Setting<T> eachEntry(Class<V> valueType, EntryCheck<V> check) {
    if (valueType != entryType) {
      throw new IllegalArgumentException(key + " entries are " + entryType + ", not " + valueType);
    }
    entryChecks.add(check);
    return this;
  }

  public Setting<T> doc(String oneLine) {
    this.doc = oneLine;
    return this;
  }

  public Setting<T> defaultValue(T value) {
    this.defaultValue = value;
    return this;
  }

  /** A file location: relative values resolve against the config file's folder (from --set, the working dir). */
  public Setting<T> path() {
    this.path = true;
    return this;
  }

  public Setting<T> check(Check<T> check) {
    checks.add(check);
    return this;
  }

  public String key() {
    return key;
  }

  /** The Java type the value is read as (for maps, {@code Map}). */
  public Class<?> type() {
    return type;
  }

  /** The type as docs/configuration.md and {@code curate config} name it. */
  public String typeName() {
    return typeName;
  }

  public String doc() {
    return doc;
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** Where the value sits in a config tree ({@code /align/bucket_seconds}). */
  public JsonPointer pointer() {
    return JsonPointer.compile("/" + key.replace('.', '/'));
  }

  public boolean isPath() {
    return path;
  }

  public boolean isMap() {
    return type == Map.class;
  }

  /** For a map-valued setting, the type of its entries' values; else null. */
  public Class<?> entryType() {
    return entryType;
  }

  public List<Check<T>> checks() {
    return Collections.unmodifiableList(checks);
  }

  /** Throws the first problem with {@code value} as a user error naming the key (or the map entry's key). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void validate(T value) {
    for (Check<T> c : checks) {
      String p = c.problem(key, value);
      if (p != null) {
        throw CurateErrors.badConfigValue(key, p);
      }
    }
    if (isMap() && value != null) {
      for (Map.Entry<String, ?> e : ((Map<String, ?>) value).entrySet()) {
        for (EntryCheck c : entryChecks) {
          UserError p = c.problem(e.getKey(), e.getValue());
          if (p != null) {
            throw p;
          }
        }
      }
    }
  }

  @Override
  public String toString() {
    return key;
  }
}
