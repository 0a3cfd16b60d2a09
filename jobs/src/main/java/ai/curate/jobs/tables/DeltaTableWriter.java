package ai.curate.jobs.tables;

import java.util.List;
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
public final class DeltaTableWriter {
  private final SparkSession spark;
  private final String warehouse;

  public DeltaTableWriter(SparkSession spark, String warehouse) {
    this.spark = spark;
    this.warehouse = warehouse;
  }

  public String location(TableId table) {
    return table.location(warehouse);
  }

  /**
   * Replaces the rows matching {@code slicePredicate} (a SQL predicate over partition columns, e.g.
   * {@code capture_date = '2026-01-15'}) with {@code rows}, creating the table on first write.
   */
  public void replaceSlice(TableId table, Dataset<Row> rows, String slicePredicate, List<String> partitionBy,
      String runId) {
    rows.write()
        .format("delta")
        .mode(SaveMode.Overwrite)
        .option("replaceWhere", slicePredicate)
        .option("userMetadata", runId)
        .partitionBy(partitionBy.toArray(new String[0]))
        .save(location(table));
    register(table);
  }

  /** Makes {@code layer.name} resolve to the table's location; repoints a stale registration. */
  public void register(TableId table) {
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
    spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualified() + " USING DELTA LOCATION '" + location.replace("'", "\\'") + "'");
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
