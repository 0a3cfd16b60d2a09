package ai.curate.mcap.ros2;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the literal of a constant or default value in a message definition into the {@link ValueModel}. Throws
 * IllegalArgumentException with a short reason; the schema parser adds the line.
 */
final class LiteralParser {
  private LiteralParser() {}

  static Object scalar(PrimitiveType type, String text) {
    String t = text.strip();
    switch (type) {
      case BOOL :
        return switch (t.toLowerCase(Locale.ROOT)) {
          case "true", "1" -> Boolean.TRUE;
          case "false", "0" -> Boolean.FALSE;
          default -> throw new IllegalArgumentException("'" + t + "' is not a bool");
        };
      case FLOAT32 :
        return (float) parseFloating(t);
      case FLOAT64 :
        return parseFloating(t);
      case STRING, WSTRING :
        return unquote(t);
      default :
        return ValueModel.integer(type, parseInteger(type, t));
    }
  }

  /** An array literal {@code [a, b, c]} of {@code element}. */
  static Object array(PrimitiveType element, String text) {
    String t = text.strip();
    if (!t.startsWith("[") || !t.endsWith("]")) {
      throw new IllegalArgumentException("array value '" + t + "' is not of the form [a, b, ...]");
    }
    String body = t.substring(1, t.length() - 1).strip();
    List<Object> values = new ArrayList<>();
    if (!body.isEmpty()) {
      for (String item : splitOutsideQuotes(body)) {
        values.add(scalar(element, item));
      }
    }
    return ValueModel.primitiveArray(element, values);
  }

  private static double parseFloating(String t) {
    try {
      return Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + t + "' is not a number");
    }
  }

  private static BigInteger parseInteger(PrimitiveType type, String t) {
    BigInteger value;
    try {
      value = new BigInteger(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + t + "' is not an integer");
    }
    BigInteger[] range = ValueModel.range(type);
    if (value.compareTo(range[0]) < 0 || value.compareTo(range[1]) > 0) {
      throw new IllegalArgumentException(t + " is out of range for " + type.rosName());
    }
    return value;
  }

  private static String unquote(String t) {
    if (t.length() >= 2 && (t.startsWith("\"") && t.endsWith("\"") || t.startsWith("'") && t.endsWith("'"))) {
      return t.substring(1, t.length() - 1).replace("\\" + t.charAt(0), String.valueOf(t.charAt(0)));
    }
    return t;
  }

  private static List<String> splitOutsideQuotes(String body) {
    List<String> items = new ArrayList<>();
    int start = 0;
    int comma;
    // A comma found is outside any string, so the next search can start afresh just after it.
    while ((comma = indexOutsideQuotes(body, ',', start)) >= 0) {
      items.add(body.substring(start, comma));
      start = comma + 1;
    }
    items.add(body.substring(start));
    return items;
  }

  /**
   * The index of the first {@code target} at or after {@code from} that is not inside a '...' or "..." string (a
   * backslash escapes the next character there), or -1. Shared with the schema parser, which finds a line's
   * {@code #} comment the same way, so that a value and its comment are split by the same quoting rules.
   */
  static int indexOutsideQuotes(String text, char target, int from) {
    char quote = 0;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == target) {
        return i;
      }
    }
    return -1;
  }
}
