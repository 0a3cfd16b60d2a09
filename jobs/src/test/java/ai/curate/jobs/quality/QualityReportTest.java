package ai.curate.jobs.quality;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.cli.CliRun;
import ai.curate.jobs.sample.SampleFixture;
import ai.curate.jobs.tables.Tables;
import ai.curate.testing.SparkTestBase;
import java.nio.file.Files;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The HTML report over the gold quality tables of the faulty sample: self-contained, and it shows the numbers. */
class QualityReportTest extends SparkTestBase {

  @Test
  void rendersASelfContainedPageWithTheCountsRatesAndQuarantine() throws Exception {
    QualityPipeline p = QualityPipeline.get(spark());
    new QualityStage().run(p.context(spark(), List.of(), "run-r1"));
    String html = QualityHtmlReport.render(QualityReportData.load(spark(), p.warehouse.toString(), SampleFixture.DATE));

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n").contains("<svg")
        .doesNotContain("<script").doesNotContain("http://").doesNotContain("https://").doesNotContain("src=")
        .doesNotContain("<link");

    String where = "capture_date = DATE'" + SampleFixture.DATE + "'";
    List<Row> runs = spark().read().format("delta").load(Tables.QUALITY_RUNS.location(p.warehouse.toString()))
        .where(where).collectAsList();
    assertThat(runs).hasSize(2);
    for (Row r : runs) {
      String type = r.getAs("entity_type");
      long in = r.<Long>getAs("entities_in");
      long passed = r.<Long>getAs("passed");
      long quarantined = r.<Long>getAs("quarantined");
      assertThat(html).contains("<tr><td>" + type + "s</td><td class=\"n\">" + in + "</td><td class=\"n\">" + passed
          + "</td><td class=\"n\">" + quarantined + "</td>");
      assertThat(html).contains(type + "s: " + in + " in").contains(passed + " passed, " + quarantined
          + " quarantined");
    }
    List<Row> rates = spark().read().format("delta").load(Tables.QUALITY_METRICS.location(p.warehouse.toString()))
        .where(where + " AND violations > 0").collectAsList();
    assertThat(rates).isNotEmpty();
    for (Row r : rates) {
      assertThat(html).contains(">" + QualityHtmlReport.pct(r.<Double>getAs("violation_rate")) + " ("
          + r.<Long>getAs("violations") + "/" + r.<Long>getAs("entities") + ")<");
    }
    for (Row r : spark().read().format("delta").load(Tables.QUARANTINE.location(p.warehouse.toString())).where(where)
        .collectAsList()) {
      // Named by the whole identity: an episode id repeats across sessions.
      String named = java.util.stream.Stream.of("robot_id", "session_id", "dataset", "entity_id")
          .map(c -> r.<String>getAs(c)).filter(java.util.Objects::nonNull)
          .collect(java.util.stream.Collectors.joining("/"));
      assertThat(html).contains("<td>" + named + "</td>");
    }
    // The shared pipeline does not run retarget: the page says so instead of drawing an empty chart.
    assertThat(html).contains("No retargeting error values for this date");
  }

  @Test
  void histogramBinsCoverEveryValueAndCountTheMissing() {
    var rows = spark().sql("SELECT CAST(v AS DOUBLE) AS v FROM VALUES (0.0), (0.5), (1.0), (0.99), (NULL) AS t(v)");
    QualityHtmlReport.Histogram h = QualityReportData.histogram(rows, rows.col("v"), "t", "", 0.0, 1.0);
    assertThat(h.counts()).hasSize(QualityReportData.BINS);
    assertThat(h.counts()[0]).isEqualTo(1);
    assertThat(h.counts()[10]).isEqualTo(1);
    assertThat(h.counts()[QualityReportData.BINS - 1]).as("1.0 and 0.99 in the last bin").isEqualTo(2);
    assertThat(h.missing()).isEqualTo(1);
  }

  @Test
  void theCommandRejectsABadDateAndAMissingOutputFolderInOneLine() throws Exception {
    for (String[] args : List.of(new String[] {"report", "--date", "15/01/2026"},
        new String[] {"report", "--date", "2026-01-15", "--out", temp.resolve("no/such/dir/r.html").toString()})) {
      CliRun.of(args).assertUserError();
    }
    assertThat(Files.exists(temp.resolve("no"))).isFalse();
  }

  @Test
  void textIsEscaped() {
    assertThat(QualityHtmlReport.esc("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
  }
}
