package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.col;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Finds the entity a {@code curate view} names in the date's gold.quality_report, and its verdicts. The report is
 * the reference: a page shows what quality judged, so an entity quality never scored has no page.
 */
public final class EntityLookup {
  private EntityLookup() {}

  /** The one entity of the date with this id and the identity parts given (null: any). */
  public static ViewEntity find(TableReader tables, LocalDate date, String id, String robot, String session,
      String dataset) {
    Dataset<Row> report = report(tables, date);
    Column match = col("entity_id").equalTo(id);
    match = robot == null ? match : match.and(col("robot_id").equalTo(robot));
    match = session == null ? match : match.and(col("session_id").equalTo(session));
    match = dataset == null ? match : match.and(col("dataset").equalTo(dataset));
    List<Row> found = report.where(match).select("entity_type", "entity_id", "robot_id", "session_id", "dataset")
        .distinct().orderBy("entity_type", "robot_id", "session_id", "dataset").limit(20).collectAsList();
    if (found.isEmpty()) {
      throw CurateErrors.unknownEntity(id, date, robot == null && session == null && dataset == null
          ? " (see: curate sql \"SELECT DISTINCT entity_type, robot_id, session_id, dataset, entity_id FROM "
              + "gold.quality_report WHERE capture_date = DATE'" + date + "'\")"
          : " with the identity given");
    }
    List<ViewEntity> entities = new ArrayList<>();
    for (Row r : found) {
      entities.add(new ViewEntity(r.getAs("entity_type"), r.getAs("entity_id"), r.getAs("robot_id"),
          r.getAs("session_id"), r.getAs("dataset")));
    }
    if (entities.size() > 1) {
      throw CurateErrors.ambiguousEntity(id, date, entities.stream().map(e -> e.type() + " " + e.named()).toList());
    }
    return entities.get(0);
  }

  /** The entity's rows of gold.quality_report: failed rules first, holding-back ones before warnings. */
  public static List<RuleVerdict> verdicts(TableReader tables, LocalDate date, ViewEntity e) {
    Dataset<Row> rows = report(tables, date).where(identity(e));
    List<RuleVerdict> out = new ArrayList<>();
    for (Row r : rows.orderBy("rule").collectAsList()) {
      out.add(new RuleVerdict(r.getAs("rule"), r.getAs("value"), r.getAs("threshold"), r.<Boolean>getAs("passed"),
          r.getAs("severity"), r.getAs("message")));
    }
    out.sort(java.util.Comparator.comparing((RuleVerdict v) -> v.passed()).thenComparing(v -> !v.holdsBack()));
    return out;
  }

  /** The report's rows of exactly this entity: its id and every identity column, null-safe. */
  static Column identity(ViewEntity e) {
    return col("entity_type").equalTo(e.type()).and(col("entity_id").equalTo(e.id()))
        .and(col("robot_id").eqNullSafe(e.robotId())).and(col("session_id").eqNullSafe(e.sessionId()))
        .and(col("dataset").eqNullSafe(e.dataset()));
  }

  private static Dataset<Row> report(TableReader tables, LocalDate date) {
    if (!tables.exists(Tables.QUALITY_REPORT)) {
      throw CurateErrors.nothingToDo("no quality report yet: " + Tables.QUALITY_REPORT + " does not exist (run the "
          + "quality stage first: curate run --date " + date + " --stages quality)");
    }
    return tables.readDate(Tables.QUALITY_REPORT, date);
  }
}
