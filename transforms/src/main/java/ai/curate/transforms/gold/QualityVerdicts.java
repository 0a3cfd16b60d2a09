package ai.curate.transforms.gold;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Per-entity verdicts from the quality stage's tables: which robot episodes and human clips may be published, and
 * their scores. An entity is <em>scored</em> when gold.quality_report has rows for it, and <em>passed</em> when
 * it is scored and not in gold.quarantine. Entity types map to sources: {@code episode} is fleet, {@code clip}
 * is human; other types are ignored.
 *
 * <p>Output, one row per scored entity: source, episode_id, passed, quality_scores (rule -> value; the rule's
 * measured value, null when the rule did not apply), quality_warnings (sorted names of failed {@code warn} rules),
 * quality_rules_evaluated.
 */
public final class QualityVerdicts {
  private QualityVerdicts() {}

  public static final String ENTITY_TYPE = "entity_type";
  public static final String ENTITY_ID = "entity_id";
  public static final String EPISODE_ENTITY = "episode";
  public static final String CLIP_ENTITY = "clip";

  private static final List<String> REPORT_COLUMNS = List.of(ENTITY_TYPE, ENTITY_ID, "rule", "value", "passed",
      "severity");
  private static final List<String> QUARANTINE_COLUMNS = List.of(ENTITY_TYPE, ENTITY_ID);

  public static Dataset<Row> of(Dataset<Row> report, Dataset<Row> quarantine) {
    requireColumns("gold.quality_report", report.schema(), REPORT_COLUMNS);
    requireColumns("gold.quarantine", quarantine.schema(), QUARANTINE_COLUMNS);
    Dataset<Row> rows = known(report).select(
        source(), col(ENTITY_ID).as(GoldColumns.EPISODE_ID), col("rule"),
        col("value").cast(DataTypes.DoubleType).as("value"), col("passed"), col("severity"));
    Column warning = when(not(col("passed")).and(col("severity").equalTo(lit("warn"))), col("rule"));
    Dataset<Row> scored = rows.groupBy(col(GoldColumns.SOURCE), col(GoldColumns.EPISODE_ID)).agg(
        // Sorted entries: the map's order, and so the row's bytes, do not depend on how Spark merged partials.
        map_from_entries(array_sort(collect_list(struct(col("rule"), col("value"))))).as(GoldColumns.QUALITY_SCORES),
        array_sort(collect_set(warning)).as(GoldColumns.QUALITY_WARNINGS),
        countDistinct(col("rule")).cast(DataTypes.IntegerType).as(GoldColumns.QUALITY_RULES_EVALUATED));
    Dataset<Row> held = known(quarantine)
        .select(source(), col(ENTITY_ID).as(GoldColumns.EPISODE_ID))
        .distinct()
        .withColumn("__held", lit(true));
    return scored.join(held, new String[] {GoldColumns.SOURCE, GoldColumns.EPISODE_ID}, "left")
        .select(col(GoldColumns.SOURCE), col(GoldColumns.EPISODE_ID), col("__held").isNull().as(GoldColumns.PASSED),
            col(GoldColumns.QUALITY_SCORES), col(GoldColumns.QUALITY_WARNINGS),
            col(GoldColumns.QUALITY_RULES_EVALUATED));
  }

  private static Dataset<Row> known(Dataset<Row> rows) {
    return rows.filter(col(ENTITY_TYPE).isin(EPISODE_ENTITY, CLIP_ENTITY));
  }

  private static Column source() {
    return when(col(ENTITY_TYPE).equalTo(lit(EPISODE_ENTITY)), lit(GoldColumns.FLEET))
        .otherwise(lit(GoldColumns.HUMAN)).as(GoldColumns.SOURCE);
  }

  private static void requireColumns(String table, StructType schema, List<String> required) {
    List<String> present = List.of(schema.fieldNames());
    List<String> missing = new ArrayList<>();
    for (String c : required) {
      if (!present.contains(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new SilverSchemaException(table + " lacks columns " + missing + " that publish reads (it has " + present
          + "); rerun the quality stage with this version of curate");
    }
  }
}
