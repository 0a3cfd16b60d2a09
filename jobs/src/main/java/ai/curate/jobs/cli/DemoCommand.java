package ai.curate.jobs.cli;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.sample.SampleGenerator;
import ai.curate.jobs.sample.SampleOptions;
import ai.curate.jobs.sample.SampleReport;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.stages.PipelineRunner;
import ai.curate.jobs.stages.RunIds;
import ai.curate.jobs.stages.Stage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageRegistry;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import java.io.PrintWriter;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generate a small sample (config section `sample`) into paths.raw and run every stage on it, "
        + "locally, then print what was written and an example query.",
        "Rerunning gives the same tables: the sample is deterministic and every stage replaces its date."})
public final class DemoCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions configOptions;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--force",
      description = "Repoint table names the catalog has at another location to this warehouse's tables "
          + "(as curate run --force).")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    CurateConfig config = configOptions.load();
    CurateConfig.SampleConfig s = config.sample();
    LocalDate date = LocalDate.parse(s.date());
    Path raw = localPath(config.paths().raw());

    out.println("1/3 generating sample data for " + date + " into " + raw);
    out.flush();
    SampleReport report = new SampleGenerator().generate(new SampleOptions(raw, date, s.sessions(), s.clips(), s.seed(),
        s.sessionMinutes(), SampleOptions.DEFAULT_CLIP_SECONDS, s.faults(), GenerateSampleCommand.defaultUrdf(),
        Math.max(1, Runtime.getRuntime().availableProcessors()))
        .withHumanFormat(SampleOptions.HumanFormat.valueOf(s.humanFormat().toUpperCase(java.util.Locale.ROOT))));
    report.summaryLines().forEach(line -> out.println("    " + line));

    StageRegistry registry = StageRegistry.standard();
    List<Stage> stages = registry.select(List.of());
    String runId = RunIds.newRunId(date);
    out.println("2/3 running stages " + registry.names() + " (run " + runId + ")");
    out.flush();
    try (SparkSession spark = SparkSessions.create(config)) {
      PipelineRunner.run(stages, new StageContext(spark, config, date, runId, force), line -> {
        out.println("    " + line);
        out.flush();
      });
      out.println("3/3 tables for capture_date " + date + " in " + config.paths().warehouse() + ":");
      for (TableId table : allTables()) {
        if (spark.catalog().tableExists(table.qualified())) {
          long rows = spark.table(table.qualified()).where(table.dateSlice(date)).count();
          out.printf("    %-28s %,d rows%n", table.qualified(), rows);
        }
      }
      summary(spark, date).forEach(line -> out.println("    " + line));
    }
    out.println();
    out.println("Query them from any shell (a new process reads the same catalog):");
    out.println("    bin/curate sql \"SHOW TABLES IN bronze\"");
    out.println(
        "    bin/curate sql \"SELECT stage, error_kind, count(*) AS n FROM bronze.ingest_errors GROUP BY 1, 2\"");
    out.println("    bin/curate sql \"SELECT rule, count(*) FROM gold.quality_report WHERE NOT passed GROUP BY rule\"");
    out.println("    bin/curate report --date " + date + " --out quality-" + date + ".html");
    out.flush();
    return 0;
  }

  /**
   * The short answer a person wants after a run: what came in, what was published and held back, timesteps per
   * source and the split. Small aggregates over the date's tables (a handful of rows each).
   */
  static List<String> summary(SparkSession spark, LocalDate date) {
    String d = TableId.datePredicate(date);
    List<String> lines = new ArrayList<>();
    lines.add("summary for " + date + ":");
    long withErrors = spark.catalog().tableExists(Tables.INGEST_ERRORS.qualified())
        ? spark.table(Tables.INGEST_ERRORS.qualified()).where(d).select("session_id", "clip_id").distinct().count()
        : 0;
    lines.add(String.format("  in:          %d fleet sessions and %d human clips in bronze; %d sessions or clips with "
        + "entries in bronze.ingest_errors", count(spark, Tables.SESSIONS, d), count(spark, Tables.HUMAN_CLIPS, d),
        withErrors));
    for (String entity : List.of("episode", "clip")) {
      lines.add(String.format("  %-12s %d passed, %d quarantined", entity + "s:",
          count(spark, Tables.QUALITY_PASS, d + " AND entity_type = '" + entity + "'"),
          count(spark, Tables.QUARANTINE, d + " AND entity_type = '" + entity + "'")));
    }
    if (spark.catalog().tableExists(Tables.TIMESTEPS.qualified())) {
      // An episode is its whole identity (episode ids repeat across sessions); one string, since COUNT(DISTINCT a, b)
      // skips rows where any is null (a clip has no robot).
      for (Row r : spark.sql("SELECT source, split, count(DISTINCT to_json(array(robot_id, session_id, dataset, "
          + "episode_id))) AS episodes, count(*) AS steps FROM "
          + Tables.TIMESTEPS.qualified() + " WHERE " + d + " GROUP BY source, split ORDER BY source, split")
          .collectAsList()) {
        lines.add(String.format("  published:   %-6s %-5s %4d episodes %,9d timesteps", r.getString(0), r.getString(1),
            r.getLong(2), r.getLong(3)));
      }
    }
    return lines;
  }

  private static long count(SparkSession spark, TableId table, String where) {
    if (!spark.catalog().tableExists(table.qualified())) {
      return 0;
    }
    return spark.table(table.qualified()).where(where).count();
  }

  private static Path localPath(String raw) {
    try {
      URI uri = new URI(raw);
      if (uri.getScheme() != null && uri.getScheme().length() > 1 && !"file".equals(uri.getScheme())) {
        throw CurateErrors.demoNeedsLocalRaw(raw);
      }
      return uri.getScheme() == null ? Path.of(raw) : Path.of(uri);
    } catch (java.net.URISyntaxException e) {
      return Path.of(raw);
    }
  }

  /** Every table constant in {@link Tables}, in declaration order. */
  static List<TableId> allTables() {
    List<TableId> tables = new ArrayList<>();
    for (var field : Tables.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == TableId.class) {
        try {
          tables.add((TableId) field.get(null));
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return tables;
  }
}
