package ai.curate.quality.rules;

import ai.curate.quality.QualityRuleException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Loads a rule file (docs/quality.md), validating everything it can before any data is read: the file's keys,
 * each rule's keys, built-in check names and parameters, severities, scopes, duplicate names, and (with a session)
 * the syntax of every SQL expression. All problems are reported at once in one {@link QualityRuleException}.
 *
 * <pre>
 * entity: episode            # episode (robot, key episode_id) | clip (human, key clip_id)
 * fail_fraction: 0.0         # default for severity fail
 * rules:
 *   - name: grid_gaps
 *     scope: timestep
 *     check: timestamp_gaps
 *     params: { max_gap_ms: 100 }
 *     severity: quarantine
 *     tags: [timing, camera]
 * </pre>
 */
public final class RuleLoader {
  public static final List<String> FILE_KEYS = List.of("entity", "fail_fraction", "rules");

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RuleLoader() {}

  /** Loads without checking SQL syntax (pure; SQL errors then surface at evaluation, still naming the rule). */
  public static RuleSet load(Path file) {
    return load(file, null);
  }

  /** Loads and, when {@code spark} is not null, parses every SQL expression with the session's parser. */
  public static RuleSet load(Path file, SparkSession spark) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new QualityRuleException("cannot read quality rule file " + file + ": " + e.getMessage()
          + "; check the path (rule files live in configs/quality/)", e);
    }
    return parse(text, file.toString(), SqlSyntax.of(spark));
  }

  public static RuleSet parse(String yaml, String source, SparkSession spark) {
    return parse(yaml, source, SqlSyntax.of(spark));
  }

  public static RuleSet parse(String yaml, String source, SqlSyntax sql) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new QualityRuleException(source + ": not valid YAML: " + e.getOriginalMessage()
          + location(e), e);
    }
    Problems problems = new Problems(source);
    if (root == null || !root.isObject()) {
      throw new QualityRuleException(source + ": must be a mapping with keys " + String.join(", ", FILE_KEYS));
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
      String key = it.next();
      if (!FILE_KEYS.contains(key)) {
        problems.add("unknown key '" + key + "' at the top level; known: " + String.join(", ", FILE_KEYS));
      }
    }
    EntityType entity = entity(root.get("entity"), problems);
    double failFraction = failFraction(root.get("fail_fraction"), problems);
    JsonNode rulesNode = root.get("rules");
    if (rulesNode == null || !rulesNode.isArray() || rulesNode.isEmpty()) {
      problems.add("key 'rules': must be a non-empty list of rules");
    }
    if (entity == null || rulesNode == null || !rulesNode.isArray()) {
      problems.throwIfAny();
      return null; // unreachable: a problem was recorded above
    }

    RuleValidator validator = new RuleValidator(entity, failFraction, sql);
    List<Rule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < rulesNode.size(); i++) {
      JsonNode node = rulesNode.get(i);
      String label = label(node, i);
      if (!node.isObject()) {
        problems.add(label + ": must be a mapping with keys " + String.join(", ", RuleSpec.KEYS));
        continue;
      }
      boolean keysOk = true;
      for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
        String key = it.next();
        if (!RuleSpec.KEYS.contains(key)) {
          problems.add(label + ": unknown key '" + key + "'; known: " + String.join(", ", RuleSpec.KEYS));
          keysOk = false;
        }
      }
      RuleSpec spec;
      try {
        spec = YAML.treeToValue(node, RuleSpec.class);
      } catch (JsonProcessingException e) {
        problems.add(label + ": key '" + keyOf(e) + "': " + typeProblem(e));
        continue;
      }
      if (spec.name() != null && !names.add(spec.name())) {
        problems.add(label + ": key 'name': a rule named '" + spec.name() + "' appears earlier in the file; "
            + "names must be unique");
        continue;
      }
      if (keysOk) {
        validator.validate(spec, label, problems).ifPresent(rules::add);
      }
    }
    problems.throwIfAny();
    return new RuleSet(source, entity, rules);
  }

  private static EntityType entity(JsonNode node, Problems problems) {
    if (node == null || !node.isTextual()) {
      problems.add("key 'entity': missing or not a string; use " + YamlNamed.yamlNames(EntityType.class));
      return null;
    }
    EntityType type = YamlNamed.fromYaml(EntityType.class, node.asText());
    if (type == null) {
      problems.add(
          "key 'entity': '" + node.asText() + "' is not an entity type; use " + YamlNamed.yamlNames(EntityType.class));
    }
    return type;
  }

  private static double failFraction(JsonNode node, Problems problems) {
    if (node == null) {
      return 0.0;
    }
    if (!node.isNumber() || node.asDouble() < 0 || node.asDouble() > 1) {
      problems.add("key 'fail_fraction': must be a fraction between 0 and 1, got " + node);
      return 0.0;
    }
    return node.asDouble();
  }

  private static String label(JsonNode node, int index) {
    JsonNode name = node.isObject() ? node.get("name") : null;
    return name != null && name.isTextual() ? "rule '" + name.asText() + "'" : "rules[" + index + "]";
  }

  private static String keyOf(JsonProcessingException e) {
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      StringBuilder key = new StringBuilder();
      for (JsonMappingException.Reference ref : m.getPath()) {
        if (ref.getFieldName() != null) {
          key.append(key.length() == 0 ? "" : ".").append(ref.getFieldName());
        } else if (ref.getIndex() >= 0) {
          key.append('[').append(ref.getIndex()).append(']');
        }
      }
      return key.toString();
    }
    return "?";
  }

  private static String typeProblem(JsonProcessingException e) {
    String key = keyOf(e);
    String root = key.contains(".") ? key.substring(0, key.indexOf('.')) : key.replaceAll("\\[.*", "");
    return switch (root) {
      case "tags" -> "must be a list of strings, e.g. [timing, camera]";
      case "params", "alert" -> "must be a mapping of names to values, e.g. { max_gap_ms: 100 }";
      case "fail_fraction" -> "must be a number between 0 and 1";
      default -> "must be a string (" + e.getOriginalMessage().lines().findFirst().orElse("wrong type") + ")";
    };
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? ""
        : " (line " + e.getLocation().getLineNr() + ", column "
            + e.getLocation().getColumnNr() + ")";
  }
}
