package ai.curate.jobs.tables;

import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** Reads one date's slice of a lake table by location (no catalog needed), failing clearly when it is missing. */
public record TableReader(SparkSession spark, String warehouse) {

  public boolean exists(TableId table) {
    return io.delta.tables.DeltaTable.isDeltaTable(spark, table.location(warehouse));
  }

  public Dataset<Row> read(TableId table) {
    if (!exists(table)) {
      throw ai.curate.jobs.errors.CurateErrors.nothingToDo("table " + table.qualified() + " does not exist yet at "
          + table.location(warehouse) + " (run the stage that writes it first; see `curate stages`)");
    }
    return spark.read().format("delta").load(table.location(warehouse));
  }

  /** The table as of a Delta version (time travel): what a stage pinned, even if others commit meanwhile. */
  public Dataset<Row> readAt(TableId table, long version) {
    read(table);
    return spark.read().format("delta").option("versionAsOf", version).load(table.location(warehouse));
  }

  /** One date's slice of the table. */
  public Dataset<Row> readDate(TableId table, LocalDate date) {
    return read(table).where(table.dateSlice(date));
  }

  /** One date's slice of the table as of a Delta version. */
  public Dataset<Row> readDateAt(TableId table, LocalDate date, long version) {
    return readAt(table, version).where(table.dateSlice(date));
  }

  /** The current Delta version of a table: lineage for what a stage read. */
  public long version(TableId table) {
    return io.delta.tables.DeltaTable.forPath(spark, table.location(warehouse)).history(1)
        .select("version").first().getLong(0);
  }
}
