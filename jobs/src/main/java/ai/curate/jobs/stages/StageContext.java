package ai.curate.jobs.stages;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.tables.DeltaTableWriter;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/** Everything a stage needs for one run: the session, the validated config, the logical date and the run id. */
public record StageContext(SparkSession spark, CurateConfig config, LocalDate date, String runId) {
  public DeltaTableWriter writer() {
    return new DeltaTableWriter(spark, config.paths().warehouse());
  }

  /**
   * {@code rows} plus the run metadata columns (docs/tables.md): {@code run_id} and {@code atColumn}, the time this
   * run wrote them (a name ending in {@code _at}). Appended last, so they never shift the data columns.
   */
  public Dataset<Row> withRunMetadata(Dataset<Row> rows, String atColumn) {
    return rows.withColumn("run_id", functions.lit(runId)).withColumn(atColumn, functions.current_timestamp());
  }

  /** The predicate that selects this run's slice of a date-partitioned table. */
  public String dateSlice() {
    return "capture_date = DATE'" + date + "'";
  }
}
