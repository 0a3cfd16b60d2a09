package ai.curate.jobs.tables;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import scala.Option;

/**
 * Writes Delta tables idempotently and registers them in the catalog. Every write replaces exactly one slice
 * (for example one capture date) in one atomic Delta commit, so rerunning a date gives the same table and a failed
 * run leaves the previous version readable. The run id travels in the commit's user metadata.
 */
public record DeltaTableWriter(SparkSession spark, String warehouse) {

  public String location(TableId table) {
    return table.location(warehouse);
  }

  /**
   * Replaces the rows matching {@code slicePredicate} (a SQL predicate over partition columns, e.g.
   * {@code capture_date = '2026-01-15'}) with {@code rows}, creating the table on first write, partitioned by the
   * table's {@link TableId#partitionColumns()}.
   *
   * @return the table version holding this write: its commit's, or when Delta recorded no commit (an empty write
   *     that replaced nothing) the version current after it
   */
  public long replaceSlice(TableId table, Dataset<Row> rows, String slicePredicate, String runId) {
    long before = io.delta.tables.DeltaTable.isDeltaTable(spark, location(table)) ? latestVersion(table) : -1;
    rows.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", slicePredicate)
        .option("userMetadata", runId)
        .partitionBy(table.partitionColumns().toArray(new String[0]))
        .save(location(table));
    register(table);
    long committed = committedVersion(table, runId);
    return committed > before ? committed : latestVersion(table);
  }

  private long latestVersion(TableId table) {
    return io.delta.tables.DeltaTable.forPath(spark, location(table)).history(1).select("version").first().getLong(0);
  }

  /**
   * The newest version of {@code table} whose commit carries {@code runId} in its user metadata (-1 if none): the
   * version a write of this run made, even when other runs (other dates) committed to the table since.
   */
  public long committedVersion(TableId table, String runId) {
    io.delta.tables.DeltaTable delta = io.delta.tables.DeltaTable.forPath(spark, location(table));
    for (int depth : new int[] {32, Integer.MAX_VALUE}) {
      Dataset<Row> history = depth == Integer.MAX_VALUE ? delta.history() : delta.history(depth);
      Row found = history.where(org.apache.spark.sql.functions.col("userMetadata").equalTo(runId))
          .agg(org.apache.spark.sql.functions.max("version")).first();
      if (!found.isNullAt(0)) {
        return found.getLong(0);
      }
    }
    return -1;
  }

  /**
   * Creates {@code table} (empty, with {@code schema}, its partition columns and table {@code properties}) when it does
   * not exist, or sets the properties an existing table lacks, and registers it. Safe when several runs of this JVM
   * or other processes create the same table at once: whoever loses the race finds the table and goes on.
   */
  public void ensureTable(TableId table, org.apache.spark.sql.types.StructType schema,
      java.util.Map<String, String> properties) {
    synchronized (DeltaTableWriter.class) {
      String location = location(table);
      if (!io.delta.tables.DeltaTable.isDeltaTable(spark, location)) {
        try {
          io.delta.tables.DeltaTableBuilder builder = io.delta.tables.DeltaTable.createIfNotExists(spark)
              .location(location).addColumns(schema).partitionedBy(table.partitionColumns().toArray(new String[0]));
          for (java.util.Map.Entry<String, String> p : properties.entrySet()) {
            builder = builder.property(p.getKey(), p.getValue());
          }
          builder.execute();
        } catch (RuntimeException e) {
          if (!io.delta.tables.DeltaTable.isDeltaTable(spark, location)) {
            throw e;
          }
          // Another process created it first.
        }
      }
      Row detail = io.delta.tables.DeltaTable.forPath(spark, location).detail().first();
      java.util.Map<String, String> current = detail.getJavaMap(detail.fieldIndex("properties"));
      java.util.List<String> missing = new java.util.ArrayList<>();
      properties.forEach((k, v) -> {
        if (!v.equals(current.get(k))) {
          missing.add("'" + k + "' = '" + v + "'");
        }
      });
      if (!missing.isEmpty()) {
        spark.sql("ALTER TABLE delta.`" + location + "` SET TBLPROPERTIES (" + String.join(", ", missing) + ")");
      }
      register(table);
    }
  }

  /** Makes {@code layer.name} resolve to the table's location; repoints a stale registration. */
  public void register(TableId table) {
    synchronized (DeltaTableWriter.class) {
      registerUnsynchronized(table);
    }
  }

  private void registerUnsynchronized(TableId table) {
    String location = location(table);
    spark.sql("CREATE DATABASE IF NOT EXISTS " + table.layer());
    TableIdentifier id = new TableIdentifier(table.name(), Option.apply(table.layer()));
    var catalog = spark.sessionState().catalog();
    if (catalog.tableExists(id)) {
      String existingLocation = existingLocation(catalog, id);
      if (sameLocation(existingLocation, location)) {
        return;
      }
      spark.sql("DROP TABLE IF EXISTS " + table.qualified());
    }
    spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualified() + " USING DELTA LOCATION '"
        + location.replace("'", "\\'") + "'");
  }

  private static String existingLocation(org.apache.spark.sql.catalyst.catalog.SessionCatalog catalog,
      TableIdentifier id) {
    try {
      CatalogTable existing = catalog.getTableMetadata(id);
      return existing.location() == null ? "" : existing.location().toString();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchDatabaseException
        | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      return "";
    }
  }

  private static boolean sameLocation(String catalogUri, String location) {
    String a = catalogUri.replaceFirst("^file:", "").replaceAll("/+$", "");
    String b = location.replaceFirst("^file:", "").replaceAll("/+$", "");
    return a.equals(b);
  }
}
