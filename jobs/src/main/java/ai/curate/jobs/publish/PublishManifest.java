package ai.curate.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.TableReader;
import ai.curate.transforms.gold.GoldColumns;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * What {@code curate manifest --date D} prints: the gold table versions a training run should pin (Delta time
 * travel), with the run that published each source of the date and its row counts. Refuses a date whose last
 * publish did not complete (the tables hold different runs for one source), so a training run never pins a mix.
 */
public final class PublishManifest {
  private PublishManifest() {}

  private record Slice(long version, Map<String, String> runBySource, Map<String, Long> rowsBySource) {}

  public static ObjectNode forDate(SparkSession spark, String warehouse, LocalDate date) {
    TableReader reader = new TableReader(spark, warehouse);
    Map<TableId, Slice> slices = new LinkedHashMap<>();
    for (GoldTables.Spec spec : GoldTables.ALL) {
      TableId table = spec.table();
      if (!reader.exists(table)) {
        throw CurateErrors.earlierStageMissing(table.qualified() + " does not exist yet",
            "curate run --date " + date + " --stages publish");
      }
      slices.put(table, slice(reader, table, date));
    }
    Slice episodes = slices.get(GoldTables.EPISODES.table());
    if (episodes.rowsBySource().isEmpty()) {
      throw CurateErrors.nothingToDo("nothing is published for " + date + " (gold.episodes has no rows for it): run "
          + "`curate run --date " + date + " --stages publish`");
    }
    for (Map.Entry<TableId, Slice> e : slices.entrySet()) {
      for (Map.Entry<String, String> run : e.getValue().runBySource().entrySet()) {
        String expected = episodes.runBySource().get(run.getKey());
        if (!run.getValue().equals(expected)) {
          throw CurateErrors.inconsistentRuns("the last publish of " + date + " did not complete: for source "
              + run.getKey() + " " + e.getKey().qualified() + " holds run " + run.getValue()
              + " but gold.episodes holds run " + expected, date, "publish");
        }
      }
    }

    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("date", date.toString());
    ObjectNode runs = root.putObject("runs");
    episodes.runBySource().forEach(runs::put);
    ObjectNode tables = root.putObject("tables");
    slices.forEach((table, s) -> {
      ObjectNode t = tables.putObject(table.qualified());
      t.put("version", s.version());
      t.put("location", table.location(warehouse));
      ObjectNode rows = t.putObject("rows");
      s.rowsBySource().forEach(rows::put);
      t.put("sql", "SELECT * FROM " + table.qualified() + " VERSION AS OF " + s.version()
          + " WHERE " + table.dateSlice(date));
    });
    return root;
  }

  /** The table's current version and, as of it, the date's rows and run per source (a handful of groups). */
  private static Slice slice(TableReader reader, TableId table, LocalDate date) {
    long version = reader.version(table);
    List<Row> groups = reader.readDateAt(table, date, version)
        .groupBy(col(GoldColumns.SOURCE), col(GoldColumns.RUN_ID)).agg(count(lit(1)))
        .orderBy(GoldColumns.SOURCE, GoldColumns.RUN_ID).collectAsList();
    Map<String, String> runs = new TreeMap<>();
    Map<String, Long> rows = new TreeMap<>();
    Map<String, TreeSet<String>> seen = new TreeMap<>();
    for (Row g : groups) {
      seen.computeIfAbsent(g.getString(0), k -> new TreeSet<>()).add(g.getString(1));
      runs.put(g.getString(0), g.getString(1));
      rows.merge(g.getString(0), g.getLong(2), Long::sum);
    }
    seen.forEach((source, ids) -> {
      if (ids.size() > 1) {
        throw CurateErrors.inconsistentRuns(table.qualified() + " holds rows of several runs " + ids + " for " + date
            + " and source " + source, date, "publish");
      }
    });
    return new Slice(version, runs, rows);
  }
}
