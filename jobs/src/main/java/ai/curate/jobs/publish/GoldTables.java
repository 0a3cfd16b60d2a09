package ai.curate.jobs.publish;

import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import ai.curate.transforms.gold.GoldSchemas;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * The gold tables publish writes: schema (partitioning: {@link Tables#SOURCE_AND_DATE}), and the table properties
 * that keep them readable outside Spark (DuckDB, delta-rs, Polars): no deletion vectors, no column mapping (physical
 * Parquet column names are the logical ones), so reader protocol 1 is enough.
 */
public final class GoldTables {
  private GoldTables() {}

  public record Spec(TableId table, StructType schema) {}

  public static final Spec TIMESTEPS = new Spec(Tables.TIMESTEPS, GoldSchemas.TIMESTEPS);
  public static final Spec EPISODES = new Spec(Tables.EPISODES, GoldSchemas.EPISODES);
  public static final Spec FEATURE_STATS = new Spec(Tables.FEATURE_STATS, GoldSchemas.FEATURE_STATS);

  /** In the order publish writes them. */
  public static final List<Spec> ALL = List.of(TIMESTEPS, EPISODES, FEATURE_STATS);

  public static final Map<String, String> PROPERTIES = properties();

  private static Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("delta.enableDeletionVectors", "false");
    p.put("delta.columnMapping.mode", "none");
    // Statistics as a struct in checkpoints: readers outside Spark skip files without parsing JSON.
    p.put("delta.checkpoint.writeStatsAsStruct", "true");
    return Map.copyOf(p);
  }
}
