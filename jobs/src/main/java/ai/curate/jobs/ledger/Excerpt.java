package ai.curate.jobs.ledger;

/**
 * The only way raw input text reaches a ledger message: at most {@link #MAX_CHARS} characters, control characters
 * and backslashes escaped ({@code \n}, {@code \u0007}), so a ledger row can never carry a whole file (or a file a
 * symlink pointed at) and always stays on one line.
 */
public final class Excerpt {
  /** Characters of input kept; longer text is cut and ends with {@code ...}. */
  public static final int MAX_CHARS = 80;

  private Excerpt() {}

  /** {@code text} shortened and escaped; {@code "null"} for null. */
  public static String of(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder();
    int n = Math.min(text.length(), MAX_CHARS);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
              || Character.isSurrogate(c)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return text.length() > MAX_CHARS ? out.append("...").toString() : out.toString();
  }

  /** {@link #of} in double quotes, for naming a value in a sentence. */
  public static String quoted(String text) {
    return text == null ? "missing" : "\"" + of(text) + "\"";
  }
}
