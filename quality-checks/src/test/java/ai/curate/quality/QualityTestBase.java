package ai.curate.quality;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.quality.rules.RuleLoader;
import ai.curate.quality.rules.RuleSet;
import ai.curate.testing.SparkTestBase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Spark tests of rules: write the rules as YAML, evaluate on small tables, read one rule's outcome per entity. */
public abstract class QualityTestBase extends SparkTestBase {

  /** A rule set of {@code entity} ("episode" or "clip") from the YAML of its rules list. */
  protected RuleSet rules(String entity, String rulesYaml) {
    String yaml = "entity: " + entity + "\nrules:\n" + rulesYaml.stripIndent();
    return RuleLoader.parse(yaml, "test rules", spark());
  }

  /** The report rows of {@code rule}, by entity id. */
  protected static Map<String, Row> outcomes(QualityResult result, String rule) {
    Map<String, Row> byEntity = new HashMap<>();
    for (Row r : result.report().filter("rule = '" + rule + "'").collectAsList()) {
      byEntity.put(r.getAs("entity_id"), r);
    }
    return byEntity;
  }

  /** Evaluates and asserts that {@code rule} passes for {@code passing} and fails for {@code failing}. */
  protected Map<String, Row> assertRule(QualityResult result, String rule, List<String> passing,
      List<String> failing) {
    Map<String, Row> outcomes = outcomes(result, rule);
    for (String id : passing) {
      assertThat(outcomes).as("rule %s has an outcome for %s", rule, id).containsKey(id);
      assertThat((Boolean) outcomes.get(id).getAs("passed"))
          .as("rule %s must pass for %s: %s", rule, id, outcomes.get(id)).isTrue();
    }
    for (String id : failing) {
      assertThat(outcomes).as("rule %s has an outcome for %s", rule, id).containsKey(id);
      assertThat((Boolean) outcomes.get(id).getAs("passed"))
          .as("rule %s must fail for %s: %s", rule, id, outcomes.get(id)).isFalse();
      assertThat((String) outcomes.get(id).getAs("message")).as("message of a failure").isNotBlank();
    }
    return outcomes;
  }

  protected static double value(Map<String, Row> outcomes, String entity) {
    return outcomes.get(entity).<Double>getAs("value");
  }

  protected static List<Row> collect(Dataset<Row> ds) {
    return ds.collectAsList();
  }
}
