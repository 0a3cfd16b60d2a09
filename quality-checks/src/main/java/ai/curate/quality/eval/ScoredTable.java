package ai.curate.quality.eval;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import ai.curate.quality.EvaluatedRule;
import ai.curate.quality.rules.EntityType;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * The per-entity scored table the evaluator caches: entity_type, entity_id, the rest of the entity's identity
 * ({@link #IDENTITY}: robot_id, session_id, dataset), structural flags, per rule value /
 * passed / message, the quarantined flag and the array of rule results. Report, quarantine, pass list and scores
 * are projections of it.
 */
public final class ScoredTable {
  private ScoredTable() {}

  public static final String ENTITY_TYPE = "entity_type";
  public static final String ENTITY_ID = "entity_id";
  public static final String QUARANTINED = InternalColumns.QUARANTINED;

  /**
   * The rest of the entity's identity besides entity_id (robot_id, session_id, dataset; null where the entity type has
   * no such column). Every output ends with them: added after the columns readers already had, as a Delta table
   * appends new columns.
   */
  public static final List<String> IDENTITY = EntityType.identityColumns();

  static Dataset<Row> build(Dataset<Row> joined, EntityType entity, List<RuleColumns> rules) {
    List<Column> columns = new ArrayList<>();
    columns.add(lit(entity.yamlName()).as(ENTITY_TYPE));
    // From the joined key, not the entity row's columns: an entity with steps but no entity row has only the key.
    Column ids = from_json(col(InternalColumns.KEY), DataTypes.createArrayType(DataTypes.StringType));
    List<String> keys = entity.keyColumns();
    columns.add(element_at(ids, keys.indexOf(entity.idColumn()) + 1).as(ENTITY_ID));
    for (String c : IDENTITY) {
      columns.add(keys.contains(c)
          ? element_at(ids, keys.indexOf(c) + 1).as(c)
          : lit(null).cast(DataTypes.StringType).as(c));
    }
    columns.add(coalesce(col(InternalColumns.HAS_RECORD), lit(false)).as(InternalColumns.HAS_RECORD));
    columns.add(coalesce(col(InternalColumns.HAS_STEPS), lit(false)).as(InternalColumns.HAS_STEPS));
    for (int i = 0; i < rules.size(); i++) {
      RuleColumns r = rules.get(i);
      columns.add(r.value().cast("double").as(InternalColumns.PerRule.VALUE.of(i)));
      columns.add(r.passed().as(InternalColumns.PerRule.PASSED.of(i)));
      columns.add(r.message().as(InternalColumns.PerRule.MESSAGE.of(i)));
    }
    Dataset<Row> perRule = joined.select(columns.toArray(new Column[0]));

    Column quarantined = lit(false);
    List<Column> results = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      EvaluatedRule rule = rules.get(i).rule();
      Column passed = col(InternalColumns.PerRule.PASSED.of(i));
      if (rule.severity().holdsBack()) {
        quarantined = quarantined.or(not(passed));
      }
      results.add(struct(
          lit(rule.name()).as("rule"),
          col(InternalColumns.PerRule.VALUE.of(i)).as("value"),
          lit(rule.threshold()).as("threshold"),
          passed.as("passed"),
          lit(rule.severity().yamlName()).as("severity"),
          tags(rule.tags()).as("tags"),
          col(InternalColumns.PerRule.MESSAGE.of(i)).as("message")));
    }
    return perRule
        .withColumn(QUARANTINED, quarantined)
        .withColumn(InternalColumns.RESULTS, array(results.toArray(new Column[0])));
  }

  private static List<Column> identity() {
    return IDENTITY.stream().map(c -> col(c)).toList();
  }

  private static Column tags(List<String> tags) {
    if (tags.isEmpty()) {
      return array().cast(DataTypes.createArrayType(DataTypes.StringType));
    }
    return array(tags.stream().map(t -> lit(t)).toArray(Column[]::new));
  }

  /** Observed over the scored table: the global counts, collected by the job that builds it (no extra job). */
  static List<Column> observedColumns(int rules) {
    List<Column> c = new ArrayList<>();
    c.add(count(lit(1)).as("entities_scored"));
    c.add(sum(when(col(QUARANTINED), 1L).otherwise(0L)).as("quarantined"));
    c.add(sum(when(not(col(InternalColumns.HAS_RECORD)), 1L).otherwise(0L)).as("orphans"));
    c.add(sum(when(not(col(InternalColumns.HAS_STEPS)), 1L).otherwise(0L)).as("without_steps"));
    for (int i = 0; i < rules; i++) {
      c.add(sum(when(not(col(InternalColumns.PerRule.PASSED.of(i))), 1L).otherwise(0L)).as("violations_" + i));
      c.add(sum(when(col(InternalColumns.PerRule.VALUE.of(i)).isNull(), 1L).otherwise(0L)).as("missing_" + i));
    }
    return c;
  }

  // Projections handed out by QualityResult.

  public static Dataset<Row> report(Dataset<Row> scored) {
    List<Column> out = new ArrayList<>(List.of(col(ENTITY_TYPE), col(ENTITY_ID)));
    for (String field : List.of("rule", "value", "threshold", "passed", "severity", "tags", "message")) {
      out.add(col("__r." + field).as(field));
    }
    out.addAll(identity());
    return scored.withColumn("__r", explode(col(InternalColumns.RESULTS))).select(out.toArray(new Column[0]));
  }

  public static Dataset<Row> quarantine(Dataset<Row> scored) {
    List<Column> out = new ArrayList<>(List.of(col(ENTITY_TYPE), col(ENTITY_ID)));
    out.add(
        expr("transform(filter(" + InternalColumns.RESULTS + ", r -> NOT r.passed AND r.severity <> 'warn'), "
            + "r -> named_struct('rule', r.rule, 'value', r.value, 'threshold', r.threshold, "
            + "'message', r.message))").as("reasons"));
    out.addAll(identity());
    return scored.filter(col(QUARANTINED)).select(out.toArray(new Column[0]));
  }

  public static Dataset<Row> passList(Dataset<Row> scored) {
    List<Column> out = new ArrayList<>(List.of(col(ENTITY_TYPE), col(ENTITY_ID)));
    out.addAll(identity());
    return scored.filter(not(col(QUARANTINED))).select(out.toArray(new Column[0]));
  }

  public static Dataset<Row> scores(Dataset<Row> scored, List<EvaluatedRule> rules) {
    List<Column> columns = new ArrayList<>(List.of(col(ENTITY_TYPE), col(ENTITY_ID)));
    for (int i = 0; i < rules.size(); i++) {
      columns.add(col(InternalColumns.PerRule.VALUE.of(i)).as(rules.get(i).scoreColumn()));
    }
    columns.add(col(QUARANTINED));
    columns.addAll(identity());
    return scored.select(columns.toArray(new Column[0]));
  }
}
