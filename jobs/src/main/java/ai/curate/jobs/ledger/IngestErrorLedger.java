package ai.curate.jobs.ledger;

import static org.apache.spark.sql.functions.lit;

import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.tables.DeltaTableWriter;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import java.sql.Date;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * {@code bronze.ingest_errors}: every raw unit that could not be read lands here with what, where and why.
 * Each ingest stage replaces its own rows for the date, so reruns never duplicate entries.
 */
public final class IngestErrorLedger {
  private IngestErrorLedger() {}

  /** The column naming the ingest stage a row came from; a partition column of the table. */
  public static final String STAGE_COLUMN = "stage";

  /** The columns an ingest stage produces; the ledger adds capture_date, stage, run_id and recorded_at. */
  public static final StructType ERROR_SCHEMA = new StructType()
      .add("source_path", DataTypes.StringType, false)
      .add("session_id", DataTypes.StringType, true)
      .add("clip_id", DataTypes.StringType, true)
      .add("stream", DataTypes.StringType, true)
      .add("error_kind", DataTypes.StringType, false)
      .add("message", DataTypes.StringType, false);

  /**
   * The table's columns: {@link #ERROR_SCHEMA}, then the partition columns and the run metadata. Nullable, as Delta
   * makes the columns of a table created by a DataFrame write, so tables created either way have the same schema.
   */
  public static final StructType LEDGER_SCHEMA = asNullable(ERROR_SCHEMA
      .add(TableId.DATE_COLUMN, DataTypes.DateType, true)
      .add(STAGE_COLUMN, DataTypes.StringType, true)
      .add("run_id", DataTypes.StringType, true)
      .add("recorded_at", DataTypes.TimestampType, true));

  public static Row toRow(IngestError e) {
    return RowFactory.create(e.sourcePath(), e.sessionId(), e.clipId(), e.stream(), e.errorKind(), e.message());
  }

  /** {@link #toRow} of each, in order. */
  public static List<Row> toRows(List<IngestError> errors) {
    return errors.stream().map(IngestErrorLedger::toRow).toList();
  }

  /**
   * Replaces this stage's ledger rows for the context's date with {@code errors} (ERROR_SCHEMA columns).
   *
   * <p>ingest-fleet and ingest-human run at the same time (the daily DAG runs them in parallel) and both write this
   * table. Two things keep their commits from conflicting: the table is created before the first write (two writers
   * creating a table in an empty folder always conflict), and it is partitioned by date and stage, so each stage's
   * replace reads and removes only files of its own partition and Delta's conflict check lets both commit. A ledger
   * created by an older version (partitioned by date only) is rewritten with the new partitioning first, once.
   */
  public static void replace(StageContext ctx, String stage, Dataset<Row> errors) {
    DeltaTableWriter writer = ctx.writer();
    writer.migratePartitioning(Tables.INGEST_ERRORS, ctx.runId());
    writer.ensureTable(Tables.INGEST_ERRORS, LEDGER_SCHEMA, Map.of());
    Dataset<Row> rows = ctx.withRunMetadata(
        errors.select("source_path", "session_id", "clip_id", "stream", "error_kind", "message")
            .withColumn(TableId.DATE_COLUMN, lit(Date.valueOf(ctx.date())))
            .withColumn(STAGE_COLUMN, lit(stage)),
        "recorded_at");
    ctx.replaceSlice(Tables.INGEST_ERRORS, rows, STAGE_COLUMN + " = '" + stage + "'");
  }

  private static StructType asNullable(StructType schema) {
    StructType out = new StructType();
    for (StructField f : schema.fields()) {
      out = out.add(f.name(), f.dataType(), true);
    }
    return out;
  }
}
