package ai.curate.transforms.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One row per episode of gold timesteps (per source, robot, session, dataset, episode id and date): identity,
 * split, time span and step counts (all steps, and steps where each modality is valid). Computed from the published
 * steps, so gold.episodes' counts are those of gold.timesteps by construction.
 */
public final class EpisodeRollup {
  private EpisodeRollup() {}

  public static Dataset<Row> of(Dataset<Row> goldTimesteps) {
    List<Column> aggregates = new ArrayList<>();
    // A function of the episode id, so constant within an episode; max() picks it deterministically.
    aggregates.add(max(col(GoldColumns.SPLIT)).as(GoldColumns.SPLIT));
    aggregates.add(min(col(GoldColumns.TS_NS)).as("start_ts_ns"));
    aggregates.add(max(col(GoldColumns.TS_NS)).as("end_ts_ns"));
    aggregates.add(count(lit(1)).as("step_count"));
    for (String valid : GoldColumns.VALIDITY) {
      String name = valid.substring(0, valid.length() - "_valid".length()) + "_valid_steps";
      aggregates.add(sum(when(col(valid), 1L).otherwise(0L)).as(name));
    }
    // The whole identity (GoldEntities.KEY): episode ids repeat across sessions and robots, clip ids across datasets.
    List<Column> by = new ArrayList<>(List.of(GoldEntities.columns()));
    by.add(col(GoldColumns.CAPTURE_DATE));
    return goldTimesteps
        .groupBy(by.toArray(new Column[0]))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]))
        .withColumn("duration_s", col("end_ts_ns").minus(col("start_ts_ns")).cast("double").divide(1e9));
  }
}
