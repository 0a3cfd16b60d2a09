package ai.curate.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import ai.curate.quality.eval.ScoredTable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Gathers what {@link QualityHtmlReport} draws from the gold quality tables of one date. Everything collected is an
 * aggregate bounded by rules, bins or a fixed row limit, never by the number of entities.
 */
public final class QualityReportData {
  private QualityReportData() {}

  public static final int BINS = 20;
  /** Quarantined entities listed by name (the most reasons first); the rest are counted. */
  public static final int HELD_LISTED = 50;

  public static QualityHtmlReport.Data load(SparkSession spark, String warehouse, LocalDate date) {
    TableReader tables = new TableReader(spark, warehouse);
    if (!tables.exists(Tables.QUALITY_REPORT)) {
      throw CurateErrors.nothingToDo("no quality report yet: " + Tables.QUALITY_REPORT + " does not exist (run the "
          + "quality stage first: curate run --date " + date + " --stages quality)");
    }
    Dataset<Row> report = tables.readDate(Tables.QUALITY_REPORT, date);
    if (report.isEmpty()) {
      throw CurateErrors.nothingToDo("no quality report for " + date + " in " + Tables.QUALITY_REPORT
          + " (run: curate run --date " + date + " --stages quality)");
    }

    List<QualityHtmlReport.RunCounts> runs = new ArrayList<>();
    if (tables.exists(Tables.QUALITY_RUNS)) {
      for (Row r : tables.readDate(Tables.QUALITY_RUNS, date).orderBy("entity_type").collectAsList()) {
        runs.add(new QualityHtmlReport.RunCounts(r.getAs("entity_type"), r.<Long>getAs("entities_in"),
            r.<Long>getAs("passed"), r.<Long>getAs("quarantined"), r.<Boolean>getAs("gate_open"),
            r.getAs("gate_message"), r.getList(r.fieldIndex("alerts")), r.getAs("run_id")));
      }
    }

    List<QualityHtmlReport.RuleRate> rates = new ArrayList<>();
    if (tables.exists(Tables.QUALITY_METRICS)) {
      for (Row r : tables.readDate(Tables.QUALITY_METRICS, date).orderBy("entity_type", "rule").collectAsList()) {
        rates.add(new QualityHtmlReport.RuleRate(r.getAs("entity_type"), r.getAs("rule"), r.getAs("severity"),
            r.<Long>getAs("entities"), r.<Long>getAs("violations"), r.<Double>getAs("violation_rate"),
            r.<Long>getAs("missing_values"), r.<Boolean>getAs("alert"), r.getAs("alert_message")));
      }
    }

    // Per-entity score: the fraction of its rules passed, binned on [0, 1].
    Dataset<Row> perEntity = report.groupBy(entity(report))
        .agg(sum(when(col("passed"), 1.0).otherwise(0.0)).divide(count(lit(1))).as("score"));
    List<QualityHtmlReport.Histogram> scores = new ArrayList<>();
    for (Row r : perEntity.select("entity_type").distinct().orderBy("entity_type").collectAsList()) {
      String type = r.getString(0);
      scores.add(histogram(perEntity.where(col("entity_type").equalTo(type)), col("score"),
          "Scores of " + type + "s", "", 0.0, 1.0));
    }

    QualityHtmlReport.Histogram retargeting = null;
    Dataset<Row> errors = report.where("entity_type = 'clip' AND rule = 'retargeting_error'");
    if (!errors.isEmpty()) {
      Row range = errors.agg(min("value"), max("value")).first();
      double lo = range.isNullAt(0) ? 0 : Math.min(0, range.getDouble(0));
      double hi = range.isNullAt(1) ? 1 : range.getDouble(1);
      retargeting = histogram(errors, col("value"), "Retargeting vector error per clip (rule retargeting_error)",
          "mm", lo, hi <= lo ? lo + 1 : hi);
    }

    List<QualityHtmlReport.ReasonCount> reasons = new ArrayList<>();
    List<QualityHtmlReport.Held> held = new ArrayList<>();
    long heldTotal = 0;
    if (tables.exists(Tables.QUARANTINE)) {
      Dataset<Row> quarantine = tables.readDate(Tables.QUARANTINE, date);
      for (Row r : quarantine.select(col("entity_type"), explode(col("rules")).as("rule"))
          .groupBy("entity_type", "rule").count().orderBy(col("count").desc(), col("entity_type"), col("rule"))
          .collectAsList()) {
        reasons.add(new QualityHtmlReport.ReasonCount(r.getString(0), r.getString(1), r.getLong(2)));
      }
      heldTotal = quarantine.count();
      List<Column> order = new ArrayList<>(List.of(size(col("rules")).desc()));
      order.addAll(List.of(entity(quarantine)));
      for (Row r : quarantine.orderBy(order.toArray(new Column[0])).limit(HELD_LISTED)
          .select(col("entity_type"), qualifiedId(quarantine), col("rules")).collectAsList()) {
        held.add(new QualityHtmlReport.Held(r.getString(0), r.getString(1), r.getList(2)));
      }
    }
    return new QualityHtmlReport.Data(date.toString(), runs, rates, scores, retargeting, reasons, held, heldTotal);
  }

  /**
   * entity_type, entity_id and the identity columns the slice has (robot_id, session_id, dataset; a slice written
   * before they existed has none): an entity of the report, since episode ids repeat across sessions.
   */
  private static Column[] entity(Dataset<Row> rows) {
    List<Column> out = new ArrayList<>(List.of(col("entity_type"), col("entity_id")));
    identity(rows).forEach(c -> out.add(col(c)));
    return out.toArray(new Column[0]);
  }

  private static List<String> identity(Dataset<Row> rows) {
    List<String> have = List.of(rows.columns());
    return ScoredTable.IDENTITY.stream().filter(have::contains).toList();
  }

  /** The id as a reader finds the entity: robot/session/episode, dataset/clip (the parts it has). */
  private static Column qualifiedId(Dataset<Row> rows) {
    List<Column> parts = new ArrayList<>();
    identity(rows).forEach(c -> parts.add(col(c)));
    parts.add(col("entity_id"));
    return concat_ws("/", parts.toArray(new Column[0])).as("entity_id");
  }

  /** Equal-width bins over [lo, hi] computed in Spark; only the bin counts reach the driver. */
  static QualityHtmlReport.Histogram histogram(Dataset<Row> rows, Column value, String title, String unit, double lo,
      double hi) {
    Column bin = expr("least(" + (BINS - 1) + ", greatest(0, CAST(floor((v - " + lo + ") / " + (hi - lo) + " * "
        + BINS + ") AS INT)))");
    long[] counts = new long[BINS];
    long missing = 0;
    for (Row r : rows.select(value.cast("double").as("v")).select(when(col("v").isNull(), lit(-1)).otherwise(bin)
        .as("bin")).groupBy("bin").count().collectAsList()) {
      int b = r.getInt(0);
      if (b < 0) {
        missing += r.getLong(1);
      } else {
        counts[b] += r.getLong(1);
      }
    }
    return new QualityHtmlReport.Histogram(title, unit, lo, hi, counts, missing);
  }
}
