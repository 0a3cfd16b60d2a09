package ai.curate.jobs.cli;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.quality.QualityHtmlReport;
import ai.curate.jobs.quality.QualityReportData;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.view.EpisodePages;
import ai.curate.jobs.view.EpisodeView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
    description = "Write the quality report of one date as a self-contained HTML page (inline SVG charts, no "
        + "scripts, no network) from gold.quality_runs, gold.quality_metrics, gold.quality_report and gold.quarantine.")
public final class ReportCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--date", required = true, paramLabel = DateOption.LABEL,
      description = "Logical date of the quality run.")
  String date;

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the page. Default: quality-report-<date>.html in the working directory.")
  Path out;

  @Option(names = "--with-episodes",
      description = "Also write the page of each quarantined episode and clip the report lists (as curate view "
          + "does) beside the report, and link them from it.")
  boolean withEpisodes;

  @Override
  public Integer call() {
    LocalDate logicalDate = DateOption.parse(date);
    Path target = out != null ? out : Path.of("quality-report-" + logicalDate + ".html");
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw CurateErrors.outputFolderMissing("--out", parent);
    }
    CurateConfig config = configOptions.load();
    String html;
    Map<String, String> pages = Map.of();
    try (SparkSession spark = SparkSessions.create(config)) {
      QualityHtmlReport.Data data = QualityReportData.load(spark, config.paths().warehouse(), logicalDate);
      if (withEpisodes) {
        pages = EpisodePages.writeBeside(new EpisodeView(spark, config, logicalDate), logicalDate, data.held(),
            target.toAbsolutePath().getParent());
      }
      html = QualityHtmlReport.render(data, pages);
    }
    try {
      Files.writeString(target, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CurateErrors.outputNotWritable("--out", target, e);
    }
    System.out.println("wrote " + target.toAbsolutePath() + " (" + html.length() + " characters)");
    if (withEpisodes) {
      System.out.println("wrote " + pages.size() + " episode and clip pages beside it");
    }
    return 0;
  }
}
