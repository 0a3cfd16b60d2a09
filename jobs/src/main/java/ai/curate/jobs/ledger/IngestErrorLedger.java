package ai.curate.jobs.ledger;

import static org.apache.spark.sql.functions.lit;

import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.tables.Tables;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bronze.ingest_errors}: every raw unit that could not be read lands here with what, where and why.
 * Each ingest stage replaces its own rows for the date, so reruns never duplicate entries.
 */
public final class IngestErrorLedger {
  private IngestErrorLedger() {}

  /** The columns an ingest stage produces; the ledger adds capture_date, stage, run_id and recorded_at. */
  public static final StructType ERROR_SCHEMA = new StructType()
      .add("source_path", DataTypes.StringType, false)
      .add("session_id", DataTypes.StringType, true)
      .add("clip_id", DataTypes.StringType, true)
      .add("stream", DataTypes.StringType, true)
      .add("error_kind", DataTypes.StringType, false)
      .add("message", DataTypes.StringType, false);

  public static Row toRow(IngestError e) {
    return RowFactory.create(e.sourcePath(), e.sessionId(), e.clipId(), e.stream(), e.errorKind(), e.message());
  }

  /** {@link #toRow} of each, in order. */
  public static List<Row> toRows(List<IngestError> errors) {
    return errors.stream().map(IngestErrorLedger::toRow).toList();
  }

  /** Replaces this stage's ledger rows for the context's date with {@code errors} (ERROR_SCHEMA columns). */
  public static void replace(StageContext ctx, String stage, Dataset<Row> errors) {
    Dataset<Row> rows = ctx.withRunMetadata(
        errors.select("source_path", "session_id", "clip_id", "stream", "error_kind", "message")
            .withColumn("capture_date", lit(Date.valueOf(ctx.date())))
            .withColumn("stage", lit(stage)),
        "recorded_at");
    ctx.replaceSlice(Tables.INGEST_ERRORS, rows, "stage = '" + stage + "'");
  }
}
