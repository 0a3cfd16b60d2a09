package ai.curate.jobs.config;

import ai.curate.jobs.errors.CurateErrors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads the configuration. Precedence, lowest first:
 * <ol>
 *   <li>built-in defaults (declared with each setting in {@link Settings}),</li>
 *   <li>the config file ({@code --config}),</li>
 *   <li>{@code --set key=value} overrides, in command-line order (the last one wins).</li>
 * </ol>
 * Relative {@code paths.*} in a file resolve against that file's folder; in {@code --set}, against the working
 * directory. Keys starting with {@code spark.} go verbatim into the {@code spark} section. The merged tree is bound
 * to {@link CurateConfig} with unknown keys and wrong types rejected by key name, then validated once.
 */
public final class ConfigLoader {
  /** Where each value came from, in {@link EffectiveConfig#origins()}. */
  static final String DEFAULT = "default";
  static final String SET = "--set";

  private final ObjectMapper yaml;

  public ConfigLoader() {
    this.yaml = new ObjectMapper(new YAMLFactory())
        .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
  }

  public CurateConfig load(Path configFile, List<String> overrides) {
    return loadEffective(configFile, overrides).config();
  }

  /** {@link #load}, also telling where each setting's value came from ({@code curate config}). */
  public EffectiveConfig loadEffective(Path configFile, List<String> overrides) {
    ObjectNode tree = defaultsTree();
    Origins origins = new Origins();
    origins.record(tree, DEFAULT);
    if (configFile != null) {
      Path file = configFile.toAbsolutePath().normalize();
      if (!Files.isRegularFile(file)) {
        throw CurateErrors.configFileMissing(file);
      }
      ObjectNode fromFile = readFile(file);
      resolvePaths(fromFile, file.getParent());
      merge(tree, fromFile, "");
      origins.record(fromFile, "file " + file);
    }
    for (String override : overrides) {
      applyOverride(tree, override);
      ObjectNode alone = JsonNodeFactory.instance.objectNode();
      applyOverride(alone, override);
      origins.record(alone, SET);
    }
    CurateConfig config = bind(tree);
    JsonNode bound = yaml.valueToTree(config);
    ConfigValidator.validate(config, bound, yaml);
    return new EffectiveConfig(config, bound, origins.byKey());
  }

  /** The declared defaults of {@link Settings#ALL} as a config tree. */
  private ObjectNode defaultsTree() {
    ObjectNode tree = JsonNodeFactory.instance.objectNode();
    for (Setting<?> setting : Settings.ALL) {
      String[] parts = setting.key().split("\\.");
      ObjectNode section = tree;
      for (int i = 0; i < parts.length - 1; i++) {
        section = section.with(parts[i]);
      }
      section.set(parts[parts.length - 1], yaml.valueToTree(setting.defaultValue()));
    }
    return tree;
  }

  private ObjectNode readFile(Path file) {
    try {
      JsonNode node = yaml.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        throw CurateErrors.configUnreadable(file, "the top level must be a mapping of sections (paths:, spark:, ...)");
      }
      return (ObjectNode) node;
    } catch (JsonProcessingException e) {
      throw CurateErrors.configUnreadable(file, e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    } catch (IOException e) {
      throw CurateErrors.configUnreadable(file, e.getMessage());
    }
  }

  private static void resolvePaths(ObjectNode tree, Path base) {
    for (Setting<?> setting : Settings.ALL) {
      if (!setting.isPath()) {
        continue;
      }
      JsonNode node = tree.at(setting.pointer().head());
      String leaf = setting.pointer().last().getMatchingProperty();
      if (node instanceof ObjectNode section && section.hasNonNull(leaf) && section.get(leaf).isTextual()) {
        section.put(leaf, resolvePath(section.get(leaf).asText(), base));
      }
    }
  }

  /** Leaves URIs with a scheme (s3a://, file:/, abfs://) alone; makes plain relative paths absolute. */
  static String resolvePath(String value, Path base) {
    if (value.isBlank() || hasScheme(value)) {
      return value;
    }
    Path p = Path.of(value);
    return (p.isAbsolute() ? p : base.resolve(p)).normalize().toString();
  }

  private static boolean hasScheme(String value) {
    try {
      URI uri = new URI(value);
      return uri.getScheme() != null && uri.getScheme().length() > 1;
    } catch (Exception e) {
      return false;
    }
  }

  private static void merge(ObjectNode target, ObjectNode source, String prefix) {
    Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode existing = target.get(field.getKey());
      if (existing instanceof ObjectNode existingObj && field.getValue() instanceof ObjectNode sourceObj
          && !"spark".equals(prefix + field.getKey())) {
        merge(existingObj, sourceObj, prefix + field.getKey() + ".");
      } else if (existing instanceof ObjectNode existingObj && field.getValue() instanceof ObjectNode sourceObj) {
        existingObj.setAll(sourceObj);
      } else {
        target.set(field.getKey(), field.getValue());
      }
    }
  }

  private static void applyOverride(ObjectNode tree, String override) {
    int eq = override.indexOf('=');
    if (eq <= 0) {
      throw CurateErrors.badOverride(override);
    }
    String key = override.substring(0, eq).trim();
    String value = override.substring(eq + 1);
    Setting<?> setting = Settings.byKey(key);
    if (setting != null && setting.isPath()) {
      value = resolvePath(value, Path.of("").toAbsolutePath());
    }
    put(tree, key, value);
  }

  /**
   * Sets one dotted key of a config tree to a text value, creating sections on the way; a key starting with
   * {@code spark.} is an entry of the {@code spark} section.
   */
  static void put(ObjectNode tree, String key, String value) {
    if (key.startsWith("spark.")) {
      tree.with("spark").put(key, value);
      return;
    }
    String[] parts = key.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null) {
        child = node.putObject(parts[i]);
      } else if (!child.isObject()) {
        throw CurateErrors.badConfigValue(key, "'" + String.join(".", List.of(parts).subList(0, i + 1))
            + "' is a value, not a section");
      }
      node = (ObjectNode) child;
    }
    node.put(parts[parts.length - 1], value);
  }

  private CurateConfig bind(ObjectNode tree) {
    try {
      return yaml.treeToValue(tree, CurateConfig.class);
    } catch (UnrecognizedPropertyException e) {
      throw CurateErrors.unknownConfigKey(dotted(e), e.getKnownPropertyIds());
    } catch (MismatchedInputException e) {
      throw CurateErrors.badConfigValue(dotted(e), "expected " + describe(e.getTargetType())
          + " (" + firstLine(e.getOriginalMessage()) + ")");
    } catch (JsonMappingException e) {
      throw CurateErrors.badConfigValue(dotted(e), firstLine(e.getOriginalMessage()));
    } catch (JsonProcessingException e) {
      throw CurateErrors.configNotBound(firstLine(e.getOriginalMessage()));
    }
  }

  private static String dotted(JsonMappingException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a different type";
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      return "a whole number";
    }
    if (type == double.class || type == Double.class) {
      return "a number";
    }
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a text value";
    }
    if (Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a section (mapping)";
    }
    return "a " + type.getSimpleName();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
