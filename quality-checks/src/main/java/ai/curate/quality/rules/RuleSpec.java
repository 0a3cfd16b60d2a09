package ai.curate.quality.rules;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One rule as written in YAML, before validation (Jackson-bound). {@link RuleValidator} turns it into a
 * {@link Rule} or into errors naming the rule and the key.
 */
public record RuleSpec(
    @JsonProperty("name") String name,
    @JsonProperty("description") String description,
    @JsonProperty("scope") String scope,
    @JsonProperty("check") String check,
    @JsonProperty("params") Map<String, Object> params,
    @JsonProperty("expr") String expr,
    @JsonProperty("value") String value,
    @JsonProperty("severity") String severity,
    @JsonProperty("tags") List<String> tags,
    @JsonProperty("fail_fraction") Double failFraction,
    @JsonProperty("alert") Map<String, Object> alert) {

  /** The keys a rule may have, in the order the docs list them. */
  public static final List<String> KEYS = List.of("name", "description", "scope", "check", "params", "expr",
      "value", "severity", "tags", "fail_fraction", "alert");
}
