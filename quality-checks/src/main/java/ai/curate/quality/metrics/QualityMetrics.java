package ai.curate.quality.metrics;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.when;

import ai.curate.quality.eval.ScoredTable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;

/**
 * Turns a run's quality report into the rows of the metrics history (one run's slice; the stage adds run_id and
 * capture_date and appends). Every column is a deterministic function of the report: exact percentiles, no
 * sketches, so a rerun reproduces the history. No aggregate holds a rule's values in one place: a day of a whole
 * fleet scores tens of millions of entities per rule.
 */
public final class QualityMetrics {
  private QualityMetrics() {}

  /**
   * Per rule: entities, violations, violation_rate, missing_values and the distribution of the rule's value
   * (mean, population stddev, min, p50, p95, max) — a sensor degrading across robots moves these first.
   * Columns: entity_type, rule, severity, tags, entities, violations, violation_rate, missing_values, value_mean,
   * value_stddev, value_min, value_p50, value_p95, value_max.
   */
  public static Dataset<Row> ruleRates(Dataset<Row> report) {
    Column[] rule = {col("entity_type"), col("rule"), col("severity")};
    Column value = col("value").cast("double");
    UserDefinedFunction mean = udaf(new ExactMoments(ExactMoments.Moment.MEAN), Encoders.DOUBLE());
    UserDefinedFunction stddev = udaf(new ExactMoments(ExactMoments.Moment.STDDEV_POP), Encoders.DOUBLE());
    Dataset<Row> rates = report.groupBy(rule)
        .agg(max(col("tags")).as("tags"),
            count(lit(1)).as("entities"),
            sum(when(not(col("passed")), 1L).otherwise(0L)).as("violations"),
            sum(when(col("value").isNull(), 1L).otherwise(0L)).as("missing_values"),
            count(col("value")).as("__values"),
            // Exact sums: the same bits whatever order the partitions arrive in, so a rerun (or a cluster run)
            // reproduces every non-metadata column.
            mean.apply(value).as("value_mean"),
            stddev.apply(value).as("value_stddev"),
            min(col("value")).as("value_min"),
            max(col("value")).as("value_max"));
    Dataset<Row> percentiles = ExactPercentiles.of(report.select(col("entity_type"), col("rule"), col("severity"),
        value.as("value")), List.of("entity_type", "rule", "severity"), "value", rates, "__values",
        new double[] {0.5, 0.95}, new String[] {"value_p50", "value_p95"});
    return percentiles
        .withColumn("violation_rate", col("violations").cast("double").divide(col("entities")))
        .select("entity_type", "rule", "severity", "tags", "entities", "violations", "violation_rate",
            "missing_values", "value_mean", "value_stddev", "value_min", "value_p50", "value_p95", "value_max");
  }

  /**
   * Per tag (the sensor or feature a rule examines: joint_state, wrench, tactile, camera, video, pose, ...): the
   * entities scored and the entities violating at least one rule with that tag. Columns: entity_type, tag,
   * entities, violating_entities, violation_rate.
   */
  public static Dataset<Row> tagRates(Dataset<Row> report) {
    // The whole identity: two sessions' episodes e001 are two entities. As one string, since countDistinct over
    // several columns skips rows where any is null (a clip has no robot_id).
    List<Column> identity = new ArrayList<>(List.of(col("entity_id")));
    ScoredTable.IDENTITY.forEach(c -> identity.add(col(c)));
    Column entity = to_json(array(identity.toArray(new Column[0])));
    return report.select(col("entity_type"), entity.as("__entity"), col("passed"), explode(col("tags")).as("tag"))
        .groupBy(col("entity_type"), col("tag"))
        .agg(countDistinct(col("__entity")).as("entities"),
            countDistinct(when(not(col("passed")), col("__entity"))).as("violating_entities"))
        .withColumn("violation_rate", col("violating_entities").cast("double").divide(col("entities")));
  }
}
