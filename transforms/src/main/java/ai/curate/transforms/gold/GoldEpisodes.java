package ai.curate.transforms.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * gold.episodes rows (pure transform): the per-episode rollup of the published steps, with the episode's task,
 * prompt and success, its quality summary and its lineage (raw path, input table versions, code version, run).
 */
public final class GoldEpisodes {
  private GoldEpisodes() {}

  /** Columns of {@code metadata}: the entity ({@link GoldEntities#KEY}), task, prompt, success, raw_path. */
  public static final List<String> METADATA = List.of(GoldColumns.SOURCE, GoldColumns.ROBOT_ID,
      GoldColumns.SESSION_ID, GoldColumns.DATASET, GoldColumns.EPISODE_ID, "task", "prompt", "success", "raw_path");

  /**
   * @param rollup {@link ai.curate.transforms.gold.EpisodeRollup#of} of the published steps
   * @param metadata one row per entity ({@link GoldEntities#KEY}) at most, {@link #METADATA} columns
   * @param verdicts {@link ai.curate.transforms.gold.QualityVerdicts#of} rows
   */
  public static Dataset<Row> of(Dataset<Row> rollup, Dataset<Row> metadata, Dataset<Row> verdicts,
      Map<String, Long> inputVersions, String codeVersion, String runId) {
    List<Column> picked = new ArrayList<>(List.of(GoldEntities.columns()));
    picked.addAll(List.of(col(GoldColumns.QUALITY_SCORES).as("__scores"), col(GoldColumns.QUALITY_WARNINGS),
        col(GoldColumns.QUALITY_RULES_EVALUATED)));
    Dataset<Row> quality = verdicts.select(picked.toArray(new Column[0]));
    Dataset<Row> withMetadata = GoldEntities.join(rollup,
        metadata.select(METADATA.stream().map(functions::col).toArray(Column[]::new)), "left", false);
    Dataset<Row> rows = GoldEntities.join(withMetadata, quality, "left", false)
        .withColumn(GoldColumns.QUALITY_SCORES, col("__scores"))
        .withColumn("input_versions", versions(inputVersions))
        .withColumn("code_version", lit(codeVersion))
        .withColumn(GoldColumns.RUN_ID, lit(runId));
    return GoldSchemas.conform(rows, GoldSchemas.EPISODES);
  }

  private static Column versions(Map<String, Long> inputVersions) {
    List<Column> kv = new ArrayList<>();
    inputVersions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      kv.add(lit(e.getKey()));
      kv.add(lit(e.getValue()));
    });
    if (kv.isEmpty()) {
      return functions.map().cast(DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType));
    }
    return functions.map(kv.toArray(new Column[0]));
  }
}
