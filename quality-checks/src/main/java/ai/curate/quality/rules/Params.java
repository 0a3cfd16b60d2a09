package ai.curate.quality.rules;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * The validated parameters of one rule: every declared parameter present with its type (Double, Long, Boolean,
 * String, List of String) or absent when optional without a default. Serializable: it travels to executors.
 */
public final class Params implements Serializable {
  private static final long serialVersionUID = 1L;

  private final LinkedHashMap<String, Object> values;

  private Params(LinkedHashMap<String, Object> values) {
    this.values = values;
  }

  public static Params empty() {
    return new Params(new LinkedHashMap<>());
  }

  /**
   * Checks {@code raw} (as bound from YAML) against {@code specs}: unknown names, missing required ones, wrong
   * types, values out of bounds. Each problem goes to {@code problems} as (key, message); the returned Params
   * holds what was valid.
   */
  public static Params validate(List<ParamSpec> specs, Map<String, Object> raw, BiConsumer<String, String> problems) {
    Map<String, Object> given = raw == null ? Map.of() : raw;
    Map<String, ParamSpec> byName = new LinkedHashMap<>();
    specs.forEach(s -> byName.put(s.name(), s));
    for (String name : given.keySet()) {
      if (!byName.containsKey(name)) {
        problems.accept(name, byName.isEmpty()
            ? "this check takes no parameters"
            : "unknown parameter; known: " + byName.values().stream().map(ParamSpec::describe)
                .collect(Collectors.joining(", ")));
      }
    }
    LinkedHashMap<String, Object> values = new LinkedHashMap<>();
    for (ParamSpec spec : specs) {
      Object value = given.get(spec.name());
      if (value == null) {
        if (spec.required()) {
          problems.accept(spec.name(), "missing required parameter " + spec.describe());
        } else if (spec.defaultValue() != null) {
          values.put(spec.name(), spec.defaultValue());
        }
        continue;
      }
      Object converted = convert(spec, value, problems);
      if (converted != null) {
        values.put(spec.name(), converted);
      }
    }
    return new Params(values);
  }

  private static Object convert(ParamSpec spec, Object value, BiConsumer<String, String> problems) {
    String wrongType = "must be " + spec.describe() + ", got " + describe(value);
    switch (spec.type()) {
      case NUMBER -> {
        if (!(value instanceof Number n) || !Double.isFinite(n.doubleValue())) {
          problems.accept(spec.name(), wrongType);
          return null;
        }
        return inBounds(spec, n.doubleValue(), problems) ? n.doubleValue() : null;
      }
      case INTEGER -> {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
            || Double.isInfinite(n.doubleValue())) {
          problems.accept(spec.name(), wrongType);
          return null;
        }
        return inBounds(spec, n.doubleValue(), problems) ? n.longValue() : null;
      }
      case BOOLEAN -> {
        if (!(value instanceof Boolean)) {
          problems.accept(spec.name(), wrongType);
          return null;
        }
        return value;
      }
      case STRING -> {
        if (!(value instanceof String s) || s.isBlank()) {
          problems.accept(spec.name(), wrongType);
          return null;
        }
        if (!spec.choices().isEmpty() && !spec.choices().contains(s)) {
          problems.accept(spec.name(), "'" + s + "' is not one of " + String.join(" | ", spec.choices()));
          return null;
        }
        return s;
      }
      case STRING_LIST -> {
        if (!(value instanceof List<?> list) || list.isEmpty()
            || !list.stream().allMatch(e -> e instanceof String s && !s.isBlank())) {
          problems.accept(spec.name(), "must be a non-empty " + spec.describe() + ", got " + describe(value));
          return null;
        }
        List<String> strings = new ArrayList<>();
        for (Object e : list) {
          String s = (String) e;
          if (!spec.choices().isEmpty() && !spec.choices().contains(s)) {
            problems.accept(spec.name(), "'" + s + "' is not one of " + String.join(" | ", spec.choices()));
            return null;
          }
          strings.add(s);
        }
        return Collections.unmodifiableList(strings);
      }
      default -> throw new IllegalStateException("unhandled parameter type " + spec.type());
    }
  }

  private static boolean inBounds(ParamSpec spec, double v, BiConsumer<String, String> problems) {
    if (v < spec.min() || v > spec.max()) {
      problems.accept(spec.name(), "must be " + spec.describe() + ", got " + Threshold.format(v));
      return false;
    }
    return true;
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      return "'" + s + "'";
    }
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof List<?>) {
      return "a list " + value;
    }
    return String.valueOf(value);
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  public double number(String name) {
    return ((Number) require(name)).doubleValue();
  }

  /** The number, or {@code fallback} when the optional parameter is absent. */
  public double number(String name, double fallback) {
    return has(name) ? number(name) : fallback;
  }

  public int integer(String name) {
    return Math.toIntExact(((Number) require(name)).longValue());
  }

  public boolean bool(String name) {
    return (Boolean) require(name);
  }

  public String string(String name) {
    return (String) require(name);
  }

  @SuppressWarnings("unchecked")
  public List<String> strings(String name) {
    return (List<String>) require(name);
  }

  public Map<String, Object> asMap() {
    return Collections.unmodifiableMap(values);
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      // Validation guarantees declared required parameters; reaching here is a bug in a check.
      throw new IllegalStateException("parameter '" + name + "' was not validated or has no default");
    }
    return v;
  }

  @Override
  public String toString() {
    return values.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Params p && p.values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }
}
