package ai.curate.jobs.cli;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.sql.ReadOnlyStatements;
import java.io.PrintStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.functions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run a SQL statement against the configured catalog (e.g. \"SELECT * FROM gold.episodes\"). "
        + "Read-only unless --allow-writes is given.")
public final class SqlCommand implements Callable<Integer> {
  public enum Format {
    table,
    json,
    csv
  }

  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--format", defaultValue = "table",
      description = "table, json (one object a line) or csv. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--max-rows", defaultValue = "200",
      description = "Rows shown in table format (json and csv stream every row). Default: ${DEFAULT-VALUE}.")
  int maxRows;

  @Option(names = "--allow-writes",
      description = "Also run statements that change tables or the catalog (INSERT, DELETE, MERGE, CREATE, DROP, "
          + "OPTIMIZE, VACUUM, ...). Without it only queries, SHOW, DESCRIBE and EXPLAIN run.")
  boolean allowWrites;

  @Parameters(index = "0", paramLabel = "SQL", description = "The statement.")
  String statement;

  @Override
  public Integer call() throws ParseException {
    CurateConfig config = configOptions.load();
    try (SparkSession spark = SparkSessions.create(config)) {
      if (!allowWrites) {
        refuseWrites(spark, statement);
      }
      Dataset<Row> result = spark.sql(statement);
      new ResultPrinter(System.out).print(result, format, maxRows);
    }
    return 0;
  }

  /** Parsing runs no statement and reads no catalog; a syntax error is an AnalysisException, the user's to fix. */
  static void refuseWrites(SparkSession spark, String sql) throws ParseException {
    LogicalPlan plan = spark.sessionState().sqlParser().parsePlan(sql);
    ReadOnlyStatements.writeIn(plan).ifPresent(w -> {
      throw CurateErrors.sqlWriteRefused(w);
    });
  }

  /** Prints a result without collecting it unboundedly: table output is capped, json/csv stream partition by partition. */
  static final class ResultPrinter {
    private final PrintStream out;

    ResultPrinter(PrintStream out) {
      this.out = out;
    }

    void print(Dataset<Row> result, Format format, int maxRows) {
      switch (format) {
        case json -> {
          // Dataset.toJSON leaves null fields out; a script must be able to tell a null from a missing column.
          Column row = functions.struct(functions.col("*"));
          Iterator<Row> it = result.select(functions.to_json(row, Map.of("ignoreNullFields", "false")))
              .toLocalIterator();
          while (it.hasNext()) {
            out.println(it.next().getString(0));
          }
        }
        case csv -> {
          out.println(String.join(",", List.of(result.columns()).stream().map(ResultPrinter::csvCell).toList()));
          Iterator<Row> it = result.toLocalIterator();
          while (it.hasNext()) {
            Row row = it.next();
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < row.length(); i++) {
              if (i > 0) {
                sb.append(',');
              }
              sb.append(csvCell(row.isNullAt(i) ? "" : String.valueOf(cellValue(row.get(i)))));
            }
            out.println(sb);
          }
        }
        case table -> printTable(result, maxRows);
      }
    }

    private void printTable(Dataset<Row> result, int maxRows) {
      List<Row> rows = result.limit(maxRows + 1).collectAsList();
      String[] cols = result.columns();
      int shown = Math.min(rows.size(), maxRows);
      String[][] cells = new String[shown][cols.length];
      int[] width = new int[cols.length];
      for (int c = 0; c < cols.length; c++) {
        width[c] = cols[c].length();
      }
      for (int r = 0; r < shown; r++) {
        for (int c = 0; c < cols.length; c++) {
          String s = rows.get(r).isNullAt(c) ? "NULL" : String.valueOf(cellValue(rows.get(r).get(c)));
          if (s.length() > 80) {
            s = s.substring(0, 77) + "...";
          }
          cells[r][c] = s;
          width[c] = Math.max(width[c], s.length());
        }
      }
      out.println(line(cols, width));
      StringBuilder sep = new StringBuilder();
      for (int c = 0; c < cols.length; c++) {
        sep.append(c == 0 ? "" : "-+-").append("-".repeat(width[c]));
      }
      out.println(sep);
      for (String[] row : cells) {
        out.println(line(row, width));
      }
      out.println("(" + shown
          + (rows.size() > maxRows
              ? "+ rows, more not shown; use --max-rows or --format json"
              : " row" + (shown == 1 ? "" : "s"))
          + ")");
    }

    private static String line(String[] values, int[] width) {
      StringBuilder sb = new StringBuilder();
      for (int c = 0; c < values.length; c++) {
        sb.append(c == 0 ? "" : " | ").append(String.format("%-" + width[c] + "s", values[c]));
      }
      return sb.toString().stripTrailing();
    }

    private static Object cellValue(Object v) {
      if (v instanceof scala.collection.Seq<?> seq) {
        return scala.collection.JavaConverters.seqAsJavaList(seq);
      }
      return v;
    }

    static String csvCell(String s) {
      if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
      }
      return s;
    }
  }
}
