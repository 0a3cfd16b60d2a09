package ai.curate.jobs.stages;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.tables.DeltaTableWriter;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/** Everything a stage needs for one run: the session, the validated config, the logical date and the run id. */
public record StageContext(SparkSession spark, CurateConfig config, LocalDate date, String runId) {
  public DeltaTableWriter writer() {
    return new DeltaTableWriter(spark, config.paths().warehouse());
  }

  /** The predicate that selects this run's slice of a date-partitioned table. */
  public String dateSlice() {
    return "capture_date = DATE'" + date + "'";
  }
}
