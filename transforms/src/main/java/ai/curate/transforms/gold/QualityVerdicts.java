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
 * <p>An entity is identified as in gold ({@link GoldEntities#KEY}): the quality tables' entity_id with the robot_id and
 * session_id of an episode or the dataset of a clip, since ids repeat across sessions and datasets.
 *
 * <p>Output, one row per scored entity: source, episode_id, passed, quality_scores (rule -> value; the rule's
 * measured value, null when the rule did not apply), quality_warnings (sorted names of failed {@code warn} rules),
 * quality_rules_evaluated, robot_id, session_id, dataset.
 */
public final class QualityVerdicts {
  private QualityVerdicts() {}

  public static final String ENTITY_TYPE = "entity_type";
  public static final String ENTITY_ID = "entity_id";
  public static final String EPISODE_ENTITY = "episode";
  public static final String CLIP_ENTITY = "clip";

  /** The rest of an entity's identity in the quality tables: robot and session of an episode, dataset of a clip. */
  private static final List<String> IDENTITY = List.of(GoldColumns.ROBOT_ID, GoldColumns.SESSION_ID,
      GoldColumns.DATASET);

  private static final List<String> REPORT_COLUMNS = List.of(ENTITY_TYPE, ENTITY_ID, GoldColumns.ROBOT_ID,
      GoldColumns.SESSION_ID, GoldColumns.DATASET, "rule", "value", "passed", "severity");
  private static final List<String> QUARANTINE_COLUMNS = List.of(ENTITY_TYPE, ENTITY_ID, GoldColumns.ROBOT_ID,
      GoldColumns.SESSION_ID, GoldColumns.DATASET);

  public static Dataset<Row> of(Dataset<Row> report, Dataset<Row> quarantine) {
    requireColumns("gold.quality_report", report.schema(), REPORT_COLUMNS);
    requireColumns("gold.quarantine", quarantine.schema(), QUARANTINE_COLUMNS);
    Dataset<Row> rows = known(report).select(entity(col("rule"),
        col("value").cast(DataTypes.DoubleType).as("value"), col("passed"), col("severity")));
    Column warning = when(not(col("passed")).and(col("severity").equalTo(lit("warn"))), col("rule"));
    // Grouped on the whole identity: two sessions' episodes e001 are two verdicts.
    Dataset<Row> scored = rows.groupBy(GoldEntities.columns()).agg(
        // Sorted entries: the map's order, and so the row's bytes, do not depend on how Spark merged partials.
        map_from_entries(array_sort(collect_list(struct(col("rule"), col("value"))))).as(GoldColumns.QUALITY_SCORES),
        array_sort(collect_set(warning)).as(GoldColumns.QUALITY_WARNINGS),
        countDistinct(col("rule")).cast(DataTypes.IntegerType).as(GoldColumns.QUALITY_RULES_EVALUATED));
    Dataset<Row> held = known(quarantine)
        .select(entity())
        .distinct()
        .withColumn("__held", lit(true));
    return GoldEntities.join(scored, held, "left", false)
        .select(col(GoldColumns.SOURCE), col(GoldColumns.EPISODE_ID), col("__held").isNull().as(GoldColumns.PASSED),
            col(GoldColumns.QUALITY_SCORES), col(GoldColumns.QUALITY_WARNINGS),
            col(GoldColumns.QUALITY_RULES_EVALUATED), col(GoldColumns.ROBOT_ID), col(GoldColumns.SESSION_ID),
            col(GoldColumns.DATASET));
  }

  /** {@link GoldEntities#KEY} from a quality table's entity columns, then {@code more}. */
  private static Column[] entity(Column... more) {
    List<Column> out = new ArrayList<>(List.of(source(), col(ENTITY_ID).as(GoldColumns.EPISODE_ID)));
    IDENTITY.forEach(c -> out.add(col(c)));
    out.addAll(List.of(more));
    return out.toArray(new Column[0]);
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
