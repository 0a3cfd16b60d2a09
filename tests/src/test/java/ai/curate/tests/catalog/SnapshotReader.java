package ai.curate.tests.catalog;

import ai.curate.jobs.config.ConfigLoader;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A reader in a process of its own, as a researcher's session during the daily run: until {@code STOP_FILE} appears
 * it queries row counts per date and source of gold and silver tables by name through the configured catalog, and
 * prints one line per result row: {@code obs <start millis> <end millis> <table> <date> <source> <count>}, then
 * {@code round <start> <end> <table>}. Until a table's name is first registered it prints
 * {@code absent <start> <end> <table>}; once this reader has seen the table, a query that fails for any reason
 * (the name gone included) prints {@code error ...} and ends the process with exit code 3.
 *
 * <p>Arguments: CONFIG STOP_FILE. Each query plans and reads its own snapshot of each table it names.
 */
public final class SnapshotReader {
  static final List<String> TABLES = List.of("gold.episodes", "gold.timesteps", "silver.robot_timesteps");
  /** Between rounds: a researcher's pace, and CPU left for the runs on a two-core machine. */
  private static final long PAUSE_MILLIS = 10_000;
  /** The first word of a line answering that the table's name is not registered (yet). */
  static final String ABSENT = "absent";
  /** Spark's error classes for a name the catalog does not have (the table, or its database). */
  private static final Set<String> NOT_REGISTERED = Set.of("TABLE_OR_VIEW_NOT_FOUND", "SCHEMA_NOT_FOUND");

  public static void main(String[] args) throws Exception {
    CurateConfig config = new ConfigLoader().load(Path.of(args[0]), List.of());
    Path stop = Path.of(args[1]);
    try (SparkSession spark = SparkSessions.create(config)) {
      int rounds = 0;
      Set<String> seen = new HashSet<>();
      while (!Files.exists(stop)) {
        for (String table : TABLES) {
          if (Files.exists(stop)) {
            break;
          }
          String source = table.startsWith("gold.") ? "source" : "'fleet'";
          long start = System.currentTimeMillis();
          List<Row> rows;
          try {
            rows = spark.sql("SELECT CAST(capture_date AS STRING), " + source + ", count(*) FROM " + table
                + " GROUP BY 1, 2").collectAsList();
          } catch (Exception e) { // AnalysisException is checked in Java's eyes, though spark.sql declares nothing
            if (!seen.contains(table) && e instanceof AnalysisException a
                && NOT_REGISTERED.contains(a.getErrorClass())) {
              System.out.println(ABSENT + " " + start + " " + System.currentTimeMillis() + " " + table);
              continue;
            }
            System.out.println("error " + table + " " + e);
            System.out.flush();
            System.exit(3);
            return;
          }
          long end = System.currentTimeMillis();
          seen.add(table);
          for (Row r : rows) {
            System.out.println("obs " + start + " " + end + " " + table + " " + r.getString(0) + " " + r.getString(1)
                + " " + r.getLong(2));
          }
          System.out.println("round " + start + " " + end + " " + table);
        }
        System.out.flush();
        rounds++;
        Thread.sleep(PAUSE_MILLIS);
      }
      System.out.println("rounds " + rounds);
    }
  }
}
