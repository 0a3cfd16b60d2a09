package ai.curate.jobs.stages;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.tables.DeltaTableWriter;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.TableReader;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Everything a stage needs for one run: the session, the validated config, the logical date and the run id, plus the
 * shared table IO every stage does, so a stage holds only its own logic: read a table's slice for the date
 * ({@link #readSlice}) and replace that slice in one commit ({@link #replaceSlice}). The date filter and the
 * partition columns come from the {@link TableId}.
 *
 * @param repointTables {@code curate run --force}: a table name the catalog has at another location is repointed to
 *     this warehouse's table instead of failing the run (in a shared catalog that moves it for every reader)
 */
public record StageContext(SparkSession spark, CurateConfig config, LocalDate date, String runId,
    boolean repointTables) {

  /** A run that leaves table names registered elsewhere alone (no {@code --force}). */
  public StageContext(SparkSession spark, CurateConfig config, LocalDate date, String runId) {
    this(spark, config, date, runId, false);
  }

  /**
   * Writes this warehouse's tables. A table name the catalog has at another location is repointed with
   * {@link #repointTables}, or when the catalog is private to this process; otherwise the write fails first.
   */
  public DeltaTableWriter writer() {
    return new DeltaTableWriter(spark, config.paths().warehouse(),
        repointTables || DeltaTableWriter.privateCatalog(spark));
  }

  /** Reads the lake's tables by location (existence, versions, time travel). */
  public TableReader tables() {
    return new TableReader(spark, config.paths().warehouse());
  }

  /** The run's date slice of {@code table}; fails with a clear message when the table does not exist yet. */
  public Dataset<Row> readSlice(TableId table) {
    return tables().readDate(table, date);
  }

  /**
   * Replaces the run's date slice of {@code table} with {@code rows} in one Delta commit carrying the run id.
   *
   * @return the table version holding this write
   */
  public long replaceSlice(TableId table, Dataset<Row> rows) {
    return writer().replaceSlice(table, rows, table.dateSlice(date), runId);
  }

  /**
   * Like {@link #replaceSlice(TableId, Dataset)} but replaces only the part of the date's slice that also matches
   * {@code within} (a predicate over partition or data columns, e.g. {@code stage = 'ingest-fleet'}).
   */
  public long replaceSlice(TableId table, Dataset<Row> rows, String within) {
    return writer().replaceSlice(table, rows, table.dateSlice(date) + " AND " + within, runId);
  }

  /**
   * {@code rows} plus the run metadata columns (docs/tables.md): {@code run_id} and {@code atColumn}, the time this
   * run wrote them (a name ending in {@code _at}). Appended last, so they never shift the data columns.
   */
  public Dataset<Row> withRunMetadata(Dataset<Row> rows, String atColumn) {
    return rows.withColumn("run_id", functions.lit(runId)).withColumn(atColumn, functions.current_timestamp());
  }
}
