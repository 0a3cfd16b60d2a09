package ai.curate.jobs.quality;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import ai.curate.quality.QualityCounts;
import ai.curate.quality.QualityGate;
import ai.curate.quality.QualityResult;
import ai.curate.quality.eval.ScoredTable;
import ai.curate.quality.metrics.QualityMetrics;
import ai.curate.quality.metrics.RateAlert;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The quality stage's tables for one date, each written as one replaced date slice (partition capture_date), so a
 * rerun of the date leaves the same rows. Both entity types go into the same tables (column entity_type).
 */
final class QualityOutputs {
  private final StageContext ctx;
  private Dataset<Row> report;

  QualityOutputs(StageContext ctx) {
    this.ctx = ctx;
  }

  private Column date() {
    return to_date(lit(ctx.date().toString())).as("capture_date");
  }

  /** gold.quality_report, gold.quarantine, gold.quality_pass. */
  void writeVerdicts(List<QualityResult> results) {
    Dataset<Row> rep = null;
    Dataset<Row> held = null;
    Dataset<Row> pass = null;
    for (QualityResult r : results) {
      rep = rep == null ? r.report() : rep.unionByName(r.report());
      held = held == null ? r.quarantine() : held.unionByName(r.quarantine());
      pass = pass == null ? r.passList() : pass.unionByName(r.passList());
    }
    report = rep;
    write(Tables.QUALITY_REPORT, rep.select(withIdentity(date(), col("entity_type"), col("entity_id"), col("rule"),
        col("value"), col("threshold"), col("passed"), col("severity"), col("tags"), col("message"),
        lit(ctx.runId()).as("run_id"))));
    write(Tables.QUARANTINE, held.select(withIdentity(date(), col("entity_type"), col("entity_id"), col("reasons"),
        array_sort(expr("transform(reasons, r -> r.rule)")).as("rules"), lit(ctx.runId()).as("run_id"),
        current_timestamp().as("quarantined_at"))));
    write(Tables.QUALITY_PASS, pass.select(withIdentity(date(), col("entity_type"), col("entity_id"),
        lit(ctx.runId()).as("run_id"))));
  }

  /**
   * The columns, then the rest of the entity's identity ({@link ScoredTable#IDENTITY}: robot_id, session_id,
   * dataset): an episode id is unique only within its robot's session, a clip id within its dataset. Last because
   * they were added after the other columns, and a Delta table that gains columns appends them.
   */
  private static Column[] withIdentity(Column... columns) {
    List<Column> out = new ArrayList<>(List.of(columns));
    ScoredTable.IDENTITY.forEach(c -> out.add(col(c)));
    return out.toArray(new Column[0]);
  }

  /** This run's per rule rates (entity_type, rule, severity, tags, entities, violations, violation_rate, ...). */
  Dataset<Row> rates() {
    return QualityMetrics.ruleRates(report);
  }

  /** gold.quality_metrics: the rates plus whether the rule's alert fired, and why. */
  void writeMetrics(Dataset<Row> rates, List<RateAlert> alerts) {
    List<Row> rows = new ArrayList<>();
    for (RateAlert a : alerts) {
      rows.add(RowFactory.create(a.entityType(), a.rule(), a.message()));
    }
    StructType schema = new StructType().add("_et", DataTypes.StringType).add("_rule", DataTypes.StringType)
        .add("alert_message", DataTypes.StringType);
    Dataset<Row> fired = ctx.spark().createDataFrame(rows, schema);
    Dataset<Row> out = rates.join(fired, col("entity_type").equalTo(col("_et")).and(col("rule").equalTo(col("_rule"))),
        "left")
        .select(date(), col("entity_type"), col("rule"), col("severity"), col("tags"), col("entities"),
            col("violations"), col("violation_rate"), col("missing_values"), col("value_mean"), col("value_stddev"),
            col("value_min"), col("value_p50"), col("value_p95"), col("value_max"),
            col("alert_message").isNotNull().as("alert"), col("alert_message"), lit(ctx.runId()).as("run_id"),
            current_timestamp().as("computed_at"));
    write(Tables.QUALITY_METRICS, out);
  }

  /** One row of gold.quality_runs. */
  record RunRow(String rulesFile, QualityCounts counts, QualityGate gate, List<String> alerts) {}

  static final StructType RUNS = new StructType()
      .add("entity_type", DataTypes.StringType, false)
      .add("rules_file", DataTypes.StringType, false)
      .add("entities_in", DataTypes.LongType, false)
      .add("timesteps_in", DataTypes.LongType, false)
      .add("orphans", DataTypes.LongType, false)
      .add("without_timesteps", DataTypes.LongType, false)
      .add("passed", DataTypes.LongType, false)
      .add("quarantined", DataTypes.LongType, false)
      .add("gate_open", DataTypes.BooleanType, false)
      .add("gate_message", DataTypes.StringType, false)
      .add("alerts", DataTypes.createArrayType(DataTypes.StringType, false), false);

  /** gold.quality_runs: per entity type, the before/after counts, the gate and the alerts. */
  void writeRuns(List<RunRow> runs) {
    List<Row> rows = new ArrayList<>();
    for (RunRow r : runs) {
      QualityCounts c = r.counts();
      rows.add(RowFactory.create(c.entityType().yamlName(), r.rulesFile(), c.entitiesIn(), c.timestepsIn(),
          c.orphans(), c.withoutTimesteps(), c.passed(), c.quarantined(), r.gate().open(), r.gate().describe(),
          r.alerts().toArray(new String[0])));
    }
    Dataset<Row> df = ctx.spark().createDataFrame(rows, RUNS);
    List<Column> cols = new ArrayList<>(List.of(date()));
    for (String f : RUNS.fieldNames()) {
      cols.add(col(f));
    }
    cols.add(lit(ctx.runId()).as("run_id"));
    cols.add(current_timestamp().as("evaluated_at"));
    write(Tables.QUALITY_RUNS, df.select(cols.toArray(new Column[0])));
  }

  /** Counts read back from the written pass and quarantine slices. */
  record Recount(long passed, long quarantined, long overlap) {}

  Recount recount() {
    Column[] entity = withIdentity(col("entity_type"), col("entity_id"));
    Dataset<Row> pass = read(Tables.QUALITY_PASS).select(entity);
    Dataset<Row> held = read(Tables.QUARANTINE).select(entity);
    return new Recount(pass.count(), held.count(), pass.intersect(held).count());
  }

  private Dataset<Row> read(TableId t) {
    return ctx.readSlice(t);
  }

  private void write(TableId table, Dataset<Row> rows) {
    ctx.replaceSlice(table, rows);
  }
}
