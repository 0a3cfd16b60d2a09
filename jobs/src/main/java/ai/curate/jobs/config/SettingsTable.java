package ai.curate.jobs.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

/**
 * The Markdown table of every declared setting (key, type, default, documentation) that docs/configuration.md
 * carries; a test keeps the two equal, so the doc cannot fall behind the declarations.
 */
public final class SettingsTable {
  private static final ObjectMapper JSON = new ObjectMapper()
      .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private SettingsTable() {}

  public static String markdown() {
    StringBuilder out = new StringBuilder("| Key | Type | Default | Description |\n|---|---|---|---|\n");
    for (Setting<?> s : Settings.ALL) {
      out.append("| `").append(s.key()).append("` | ").append(s.typeName()).append(" | ")
          .append(defaultText(s.defaultValue())).append(" | ").append(html(cell(s.doc())))
          .append(s.isPath() ? " Relative: to the config file's folder." : "").append(" |\n");
    }
    return out.toString();
  }

  private static String defaultText(Object value) {
    String text = value instanceof String s ? "\"" + s + "\"" : JSON.valueToTree(value).toString();
    return "`" + cell(text) + "`";
  }

  /** Angle brackets in prose would read as HTML tags. */
  private static String html(String text) {
    return text.replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
