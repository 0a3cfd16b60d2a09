package ai.curate.quality.rules;

import java.io.Serializable;
import java.util.List;

/**
 * One parameter a built-in check accepts: its type, whether it is required, its default, its bounds (inclusive)
 * and, for strings, the allowed values. Built fluently: {@code ParamSpec.number("max_gap_ms").min(0)}.
 */
public record ParamSpec(String name, ParamType type, boolean required, Object defaultValue, double min, double max,
    List<String> choices, String doc) implements Serializable {

  public static ParamSpec number(String name, String doc) {
    return new ParamSpec(name, ParamType.NUMBER, true, null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
        List.of(), doc);
  }

  public static ParamSpec integer(String name, String doc) {
    return new ParamSpec(name, ParamType.INTEGER, true, null, Long.MIN_VALUE, Long.MAX_VALUE, List.of(), doc);
  }

  public static ParamSpec bool(String name, String doc) {
    return new ParamSpec(name, ParamType.BOOLEAN, true, null, 0, 0, List.of(), doc);
  }

  public static ParamSpec string(String name, String doc) {
    return new ParamSpec(name, ParamType.STRING, true, null, 0, 0, List.of(), doc);
  }

  public static ParamSpec strings(String name, String doc) {
    return new ParamSpec(name, ParamType.STRING_LIST, true, null, 0, 0, List.of(), doc);
  }

  public ParamSpec min(double value) {
    return new ParamSpec(name, type, required, defaultValue, value, max, choices, doc);
  }

  public ParamSpec max(double value) {
    return new ParamSpec(name, type, required, defaultValue, min, value, choices, doc);
  }

  public ParamSpec choices(List<String> allowed) {
    return new ParamSpec(name, type, required, defaultValue, min, max, List.copyOf(allowed), doc);
  }

  /** Not required; {@code value} is used when the rule does not set it (null: absent). */
  public ParamSpec optional(Object value) {
    return new ParamSpec(name, type, false, value, min, max, choices, doc);
  }

  /** A one-line description for error messages and docs, e.g. {@code max_gap_ms (a number >= 0)}. */
  public String describe() {
    StringBuilder s = new StringBuilder(name).append(" (").append(type.description());
    if (type == ParamType.NUMBER || type == ParamType.INTEGER) {
      if (min > Double.NEGATIVE_INFINITY && min != Long.MIN_VALUE) {
        s.append(" >= ").append(Threshold.format(min));
      }
      if (max < Double.POSITIVE_INFINITY && max != Long.MAX_VALUE) {
        s.append(" <= ").append(Threshold.format(max));
      }
    }
    if (!choices.isEmpty()) {
      s.append(", one of ").append(String.join(" | ", choices));
    }
    if (!required && defaultValue != null) {
      s.append(", default ").append(defaultValue);
    }
    return s.append(')').toString();
  }
}
