package ai.curate.jobs.spark;

import ai.curate.jobs.catalog.JdbcCatalog;
import ai.curate.jobs.catalog.MetastoreSchema;
import ai.curate.jobs.config.CurateConfig;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a command uses, from the typed config. */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession create(CurateConfig config) {
    SparkSession.Builder builder = SparkSession.builder();
    for (Map.Entry<String, String> e : config.spark().entrySet()) {
      builder.config(e.getKey(), e.getValue());
    }
    if (!config.spark().containsKey("spark.master") && System.getProperty("spark.master") == null) {
      builder.master("local[*]");
    }
    launcherSettings(builder, config);
    String kind = config.catalog().kind();
    if (!CurateConfig.CatalogConfig.SESSION.equals(kind)) {
      builder.enableHiveSupport();
    }
    if (CurateConfig.CatalogConfig.EMBEDDED.equals(kind)) {
      embeddedMetastore(builder, config.paths().warehouse());
    } else if (CurateConfig.CatalogConfig.JDBC.equals(kind)) {
      jdbcMetastore(builder, config);
    } else {
      builder.config("spark.sql.warehouse.dir", config.paths().warehouse());
    }
    return builder.getOrCreate();
  }

  /**
   * What bin/curate's driver needs for a cluster master (application jar, Spark home for local-cluster executors),
   * or a one-line refusal for masters that need spark-submit; nothing when running under spark-submit.
   */
  private static void launcherSettings(SparkSession.Builder builder, CurateConfig config) {
    String master = config.spark().getOrDefault("spark.master", System.getProperty("spark.master"));
    LauncherMasters.forThisProcess(master, config.spark()).forEach(builder::config);
  }

  /**
   * A shared catalog database (catalog.kind=jdbc): this process's Hive metastore client talks to it directly. Checked
   * first with plain JDBC, so an unreachable or uninitialised database is one line, not a metastore stack trace.
   */
  private static void jdbcMetastore(SparkSession.Builder builder, CurateConfig config) {
    JdbcCatalog catalog = JdbcCatalog.from(config.catalog());
    MetastoreSchema.checkReady(catalog);
    builder.config("spark.sql.warehouse.dir", config.paths().warehouse());
    // Spark redacts settings whose key names a password in its UI and logs (spark.redaction.regex).
    catalog.metastoreSettings().forEach((key, value) -> builder.config("spark.hadoop." + key, value));
  }

  /**
   * The local default's catalog: a Derby metastore inside the warehouse, so table names registered by one run are
   * found by a later process from any working directory, and two warehouses never share a catalog.
   */
  private static void embeddedMetastore(SparkSession.Builder builder, String warehouse) {
    Path catalogDir = Path.of(warehouse).toAbsolutePath().resolve("_catalog");
    catalogDir.toFile().mkdirs();
    EmbeddedCatalogLock.checkFree(catalogDir.resolve("metastore_db"));
    // Derby writes derby.log into its system home; keep it out of the user's working directory.
    System.setProperty("derby.system.home", catalogDir.toString());
    builder.config("spark.sql.warehouse.dir", warehouse)
        .config("spark.hadoop.javax.jdo.option.ConnectionURL",
            "jdbc:derby:;databaseName=" + catalogDir.resolve("metastore_db") + ";create=true")
        .config("spark.hadoop.datanucleus.schema.autoCreateAll", "true")
        .config("spark.hadoop.hive.metastore.schema.verification", "false");
  }
}
