package ai.curate.jobs.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Prints an {@link EffectiveConfig} as YAML in {@link Settings#ALL} order, each value followed by a comment saying
 * where it came from ({@code # default}, {@code # file <path>}, {@code # --set}). The output is itself a loadable
 * config file (relative default locations are printed resolved). Spark settings that look like secrets are masked,
 * as Spark's own UI does.
 */
public final class EffectiveConfigYaml {
  /** Spark's default {@code spark.redaction.regex}. */
  private static final Pattern SECRET = Pattern.compile("(?i)secret|password|token|access[.]key");
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@-]*");
  private static final List<String> YAML_WORDS = List.of("true", "false", "yes", "no", "on", "off", "null", "~");

  private EffectiveConfigYaml() {}

  public static String write(EffectiveConfig c) {
    StringBuilder out = new StringBuilder();
    List<String> open = new ArrayList<>();
    for (Setting<?> setting : Settings.ALL) {
      List<String> parts = List.of(setting.key().split("\\."));
      List<String> section = parts.subList(0, parts.size() - 1);
      int common = 0;
      while (common < open.size() && common < section.size() && open.get(common).equals(section.get(common))) {
        common++;
      }
      open = new ArrayList<>(section.subList(0, common));
      for (int i = common; i < section.size(); i++) {
        out.append(indent(i)).append(section.get(i)).append(":\n");
        open.add(section.get(i));
      }
      String name = parts.get(parts.size() - 1);
      JsonNode value = c.bound().at(setting.pointer());
      value = value.isMissingNode() ? null : value;
      if (setting.isMap() && value != null && value.size() > 0) {
        out.append(indent(section.size())).append(name).append(":\n");
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          JsonNode shown = SECRET.matcher(e.getKey()).find() ? TextNode.valueOf("*** (redacted)") : e.getValue();
          line(out, section.size() + 1, e.getKey(), shown, c.origin(setting, e.getKey()));
        }
      } else {
        String origin = c.origin(setting);
        JsonNode shown = setting.isMap() && value != null ? null : shown(setting, value, origin);
        line(out, section.size(), name, shown, origin);
      }
    }
    return out.toString();
  }

  /**
   * A relative default location is read against the installation folder, but the same text in a file would be read
   * against the file's folder: it is printed resolved, so the output means the same when loaded as a config file.
   */
  private static JsonNode shown(Setting<?> setting, JsonNode value, String origin) {
    if (setting.isPath() && ConfigLoader.DEFAULT.equals(origin) && value != null && value.isTextual()) {
      return TextNode.valueOf(ConfigLoader.resolvePath(value.asText(), InstallPaths.home()));
    }
    return value;
  }

  private static void line(StringBuilder out, int depth, String name, JsonNode value, String origin) {
    out.append(indent(depth)).append(name).append(": ").append(value == null ? "{}" : yaml(value))
        .append("  # ").append(origin).append('\n');
  }

  /** A scalar, or a section in flow style ({method: linear, max_gap_ms: 20.0}). */
  private static String yaml(JsonNode v) {
    if (v.isObject()) {
      List<String> fields = new ArrayList<>();
      v.fields().forEachRemaining(f -> fields.add(f.getKey() + ": " + yaml(f.getValue())));
      return "{" + String.join(", ", fields) + "}";
    }
    if (!v.isTextual()) {
      return v.isNull() ? "null" : v.asText();
    }
    String s = v.asText();
    boolean plain = PLAIN.matcher(s).matches() && !YAML_WORDS.contains(s.toLowerCase(java.util.Locale.ROOT));
    return plain ? s : v.toString();
  }

  private static String indent(int depth) {
    return "  ".repeat(depth);
  }
}
