package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.curate.jobs.cli.CliRun;
import ai.curate.jobs.errors.UserError;
import ai.curate.jobs.quality.QualityHtmlReport;
import ai.curate.jobs.quality.QualityReportData;
import ai.curate.jobs.sample.FaultyPipeline;
import ai.curate.jobs.sample.SampleFixture;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import ai.curate.testing.SparkTestBase;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Pages of the faulty sample after the real pipeline (ingest, align, retarget, quality), rendered by headless
 * Chromium: no console errors, and every failed per-step rule's spans drawn on every plot at the steps the quality
 * report's message names.
 */
class ViewPageTest extends SparkTestBase {
  private static final Pattern SPAN = Pattern.compile("<rect class=\"span\" data-rule=\"([^\"]+)\" data-first-step=\""
      + "(\\d+)\" data-last-step=\"(\\d+)\" x=\"([-0-9.]+)\" y=\"[^\"]*\" width=\"([0-9.]+)\"");
  private static final Pattern PLOT = Pattern.compile("<svg id=\"([a-z_]+)\" class=\"plot\".*?</svg>", Pattern.DOTALL);
  private static final Pattern IMG = Pattern.compile("src=\"data:image/jpeg;base64,([A-Za-z0-9+/=]+)\"");

  record Drawn(String rule, long first, long last, double x, double width) {}

  @Test
  void aFrozenJointIsShadedOverTheRunTheReportNamesOnEveryPlot() throws Exception {
    HeadlessChromium.assumeInstalled();
    Row frozen = failedRow("frozen_joint_state");
    Matcher m = Pattern.compile("for (\\d+) steps from step (\\d+)").matcher(frozen.getAs("message"));
    assertThat(m.find()).as(frozen.<String>getAs("message")).isTrue();
    long run = Long.parseLong(m.group(1));
    long from = Long.parseLong(m.group(2));
    Page page = render(entityOf(frozen));

    // The run starts at step `from`; the steps that repeat its value are from+1 .. from+run.
    for (List<Drawn> plot : page.spansPerPlot("frozen_joint_state")) {
      assertThat(plot).hasSize(1);
      assertSpanAt(plot.get(0), from + 1, from + run, page);
    }
    assertThat(page.dom).contains("right_elbow").contains("data-rule=\"frozen_joint_state\"><td>frozen_joint_state");
  }

  @Test
  void aJointStateGapIsShadedOverTheInvalidStepsAndTheLongGapWhereItCloses() throws Exception {
    HeadlessChromium.assumeInstalled();
    Row gap = failedRow("joint_state_long_gap");
    ViewEntity e = entityOf(gap);
    Page page = render(e);

    Row coverage = failedRow("joint_state_coverage", e);
    Matcher m = Pattern.compile("(\\d+) of (\\d+) steps valid").matcher(coverage.getAs("message"));
    assertThat(m.find()).isTrue();
    long valid = Long.parseLong(m.group(1));
    long steps = Long.parseLong(m.group(2));
    assertThat(page.steps()).isEqualTo(steps);
    List<Long> invalid = new ArrayList<>();
    for (Row r : EntitySteps.of(tables(), SampleFixture.DATE, e).where("NOT joint_state_valid").select("step_index")
        .orderBy("step_index").collectAsList()) {
      invalid.add((long) r.getInt(0));
    }
    assertThat(invalid).hasSize((int) (steps - valid));
    List<StepSpan> expected = StepSpan.merge(invalid.stream().mapToLong(Long::longValue).toArray(), invalid.size());
    for (List<Drawn> plot : page.spansPerPlot("joint_state_coverage")) {
      assertThat(plot).hasSize(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertSpanAt(plot.get(i), expected.get(i).first(), expected.get(i).last(), page);
      }
    }

    Matcher hole = Pattern.compile("no value at steps (\\d+)-(\\d+) .* to step (\\d+)").matcher(gap.getAs("message"));
    assertThat(hole.find()).isTrue();
    long closing = Long.parseLong(hole.group(3));
    for (List<Drawn> plot : page.spansPerPlot("joint_state_long_gap")) {
      assertThat(plot).anySatisfy(d -> assertSpanAt(d, closing, closing, page));
    }
  }

  @Test
  void anEpisodeHeldBackByNanSamplesListsTheRuleAndItsValueAndDrawsItsCoverageSpans() throws Exception {
    HeadlessChromium.assumeInstalled();
    Row nan = failedRow("ingest_nan_samples");
    Page page = render(entityOf(nan));
    assertThat(page.dom).contains("<tr data-rule=\"ingest_nan_samples\"><td>ingest_nan_samples</td>")
        .contains("<td>" + ai.curate.quality.rules.Threshold.format(nan.<Double>getAs("value")) + "</td>")
        .contains("whole episode (not a per-step rule)");
    assertThat(page.dom).doesNotContain("data-rule=\"ingest_nan_samples\" data-first-step");
  }

  @Test
  void aCleanEpisodeHasNoSpansAndShowsItsCameraFrames() throws Exception {
    HeadlessChromium.assumeInstalled();
    Row clean = tables().readDate(Tables.QUALITY_PASS, SampleFixture.DATE).where("entity_type = 'episode'")
        .orderBy("robot_id", "session_id", "entity_id").first();
    Page page = render(entityOf(clean));
    assertThat(page.dom).contains("class=\"pass\">passed").doesNotContain("class=\"span\"");
    assertThat(page.plots()).hasSizeGreaterThanOrEqualTo(6);
    assertThat(page.thumbnails()).hasSize(ThumbnailSteps.REGULAR);
  }

  @Test
  void clipPagesShowRetargetingAndTheDarkClipsFramesAreDarkerThanTheRuleAllows() throws Exception {
    HeadlessChromium.assumeInstalled();
    Row dark = failedRow("video_darkness");
    Matcher bound = Pattern.compile(">= ([0-9.]+)").matcher(dark.getAs("threshold"));
    assertThat(bound.find()).isTrue();
    double minBrightness = Double.parseDouble(bound.group(1));
    Page darkPage = render(entityOf(dark));
    Row clean = tables().readDate(Tables.QUALITY_PASS, SampleFixture.DATE).where("entity_type = 'clip'")
        .orderBy("dataset", "entity_id").first();
    Page cleanPage = render(entityOf(clean));

    for (Page p : List.of(darkPage, cleanPage)) {
      assertThat(p.plots()).contains("retargeting_error", "joint_positions");
      assertThat(p.dom).contains("data-series=\"vector error\"").contains("<svg class=\"hand\"");
      assertThat(p.thumbnails()).isNotEmpty();
    }
    // The Neo hand's FK at the retargeted joints against the human vectors: their mean distance is the hand's error
    // in silver (hands[].vector_error_mm of the primary hand; vector_error_mm averages every hand present).
    for (Page p : List.of(darkPage, cleanPage)) {
      Matcher fk = Pattern.compile("<svg class=\"hand-fk\" data-step=\"(\\d+)\" data-error-mm=\"([0-9.]+)\"")
          .matcher(p.dom);
      int compared = 0;
      while (fk.find()) {
        ViewEntity e = p == darkPage ? entityOf(dark) : entityOf(clean);
        Row step = EntitySteps.of(tables(), SampleFixture.DATE, e).where("step_index = " + fk.group(1))
            .selectExpr("filter(hands, h -> h.side = hand_side)[0].vector_error_mm").first();
        assertThat(Double.parseDouble(fk.group(2))).as("step " + fk.group(1))
            .isCloseTo(((Number) step.get(0)).doubleValue(), within(0.05));
        compared++;
      }
      assertThat(compared).isPositive();
    }
    assertThat(darkPage.thumbnails()).allSatisfy(img -> assertThat(luma(img)).isLessThan(minBrightness));
    assertThat(cleanPage.thumbnails()).allSatisfy(img -> assertThat(luma(img)).isGreaterThan(minBrightness));
  }

  @Test
  void lowHandConfidenceIsShadedOnTheFramesWithoutAVisibleHand() throws Exception {
    HeadlessChromium.assumeInstalled();
    Row low = failedRow("hand_visibility");
    Matcher m = Pattern.compile("(\\d+) of (\\d+) steps visible").matcher(low.getAs("message"));
    assertThat(m.find()).isTrue();
    long notVisible = Long.parseLong(m.group(2)) - Long.parseLong(m.group(1));
    Page page = render(entityOf(low));
    for (List<Drawn> plot : page.spansPerPlot("hand_visibility")) {
      assertThat(plot.stream().mapToLong(d -> d.last() - d.first() + 1).sum()).isEqualTo(notVisible);
    }
  }

  @Test
  void theDetectorCatchesAScriptError() throws Exception {
    HeadlessChromium.assumeInstalled();
    Path bad = temp.resolve("bad.html");
    String html = EpisodePage.render(new PageData(new ViewEntity("episode", "e", "r", "s", null), List.of(), List.of(),
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), new PixelGrid(10, 1)));
    Files.writeString(bad, html.replace("</body>", "<script>notAFunction();</script></body>"));
    HeadlessChromium.Rendered r = HeadlessChromium.render(bad, temp);
    assertThat(r.root()).contains("data-js-errors=\"Uncaught ReferenceError: notAFunction is not defined;\"");
  }

  @Test
  void theReportLinksEveryListedQuarantinedEntityToItsPageWrittenBesideIt() throws Exception {
    FaultyPipeline p = FaultyPipeline.get(spark());
    QualityHtmlReport.Data data = QualityReportData.load(spark(), p.warehouse.toString(), SampleFixture.DATE);
    assertThat(data.held()).isNotEmpty();
    Map<String, String> pages = EpisodePages.writeBeside(new EpisodeView(spark(), p.config, SampleFixture.DATE),
        SampleFixture.DATE, data.held(), temp);
    String report = QualityHtmlReport.render(data, pages);
    assertThat(pages).hasSize(data.held().size());
    for (QualityHtmlReport.Held h : data.held()) {
      String file = pages.get(QualityHtmlReport.pageKey(h.entityType(), h.entityId()));
      assertThat(file).as(h.toString()).isNotNull();
      assertThat(report).contains("<a href=\"" + file + "\">" + QualityHtmlReport.esc(h.entityId()) + "</a>");
      assertThat(Files.readString(temp.resolve(file))).contains("<title>" + h.entityType() + " "
          + QualityHtmlReport.esc(h.entityId()) + "</title>").contains("quarantined</span>");
    }
  }

  @Test
  void userErrorsAreOneLine() throws Exception {
    FaultyPipeline p = FaultyPipeline.get(spark());
    assertThatThrownBy(() -> EntityLookup.find(tables(), SampleFixture.DATE, "no-such-episode", null, null, null))
        .isInstanceOf(UserError.class).hasMessageContaining("no episode or clip 'no-such-episode'")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    TableReader empty = new TableReader(spark(), temp.resolve("empty-wh").toString());
    assertThatThrownBy(() -> EntityLookup.find(empty, SampleFixture.DATE, "e001", null, null, null))
        .isInstanceOf(UserError.class).hasMessageContaining("gold.quality_report does not exist");
    assertThat(p.warehouse).exists();
    CliRun.of("view", "--date", "15/01/2026", "--episode", "e001").assertUserError("15/01/2026");
    CliRun.of("view", "--date", "2026-01-15", "--episode", "e001", "--out", temp.resolve("no/such/p.html")
        .toString()).assertUserError("--out");
  }

  // ---------------------------------------------------------------------------------------------------------------

  private TableReader tables() {
    return new TableReader(spark(), FaultyPipeline.get(spark()).warehouse.toString());
  }

  private Row failedRow(String rule) {
    List<Row> rows = tables().readDate(Tables.QUALITY_REPORT, SampleFixture.DATE)
        .where(col("rule").equalTo(rule).and(col("passed").equalTo(false)))
        .orderBy("robot_id", "session_id", "dataset", "entity_id").collectAsList();
    assertThat(rows).as("the faulty sample fails " + rule).isNotEmpty();
    return rows.get(0);
  }

  private Row failedRow(String rule, ViewEntity e) {
    return tables().readDate(Tables.QUALITY_REPORT, SampleFixture.DATE).where(EntityLookup.identity(e))
        .where(col("rule").equalTo(rule).and(col("passed").equalTo(false))).first();
  }

  private static ViewEntity entityOf(Row r) {
    return new ViewEntity(r.getAs("entity_type"), r.getAs("entity_id"), r.getAs("robot_id"), r.getAs("session_id"),
        r.getAs("dataset"));
  }

  private Page render(ViewEntity e) throws Exception {
    FaultyPipeline p = FaultyPipeline.get(spark());
    String html = new EpisodeView(spark(), p.config, SampleFixture.DATE).render(e, List.of());
    assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("<link")
        .doesNotContain("<script src");
    Path file = temp.resolve(e.fileName());
    Files.writeString(file, html);
    HeadlessChromium.Rendered r = HeadlessChromium.render(file, temp);
    r.assertNoConsoleErrors();
    return new Page(r.dom());
  }

  private static void assertSpanAt(Drawn d, long first, long last, Page page) {
    assertThat(d.first()).as(d.toString()).isEqualTo(first);
    assertThat(d.last()).as(d.toString()).isEqualTo(last);
    double perStep = page.width() / (double) page.steps();
    assertThat(d.x()).as("x of " + d).isCloseTo(first * perStep, within(0.06));
    assertThat(d.x() + d.width()).as("end of " + d).isCloseTo((last + 1) * perStep, within(0.11));
  }

  private static double luma(String base64) {
    try {
      BufferedImage img = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
      double sum = 0;
      for (int y = 0; y < img.getHeight(); y++) {
        for (int x = 0; x < img.getWidth(); x++) {
          int rgb = img.getRGB(x, y);
          sum += 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
        }
      }
      return sum / (img.getWidth() * (double) img.getHeight());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The DOM Chromium rendered, and what it shows. */
  private record Page(String dom) {
    long steps() {
      return Long.parseLong(attribute("data-steps"));
    }

    int width() {
      return Integer.parseInt(attribute("data-plot-width"));
    }

    private String attribute(String name) {
      Matcher m = Pattern.compile(name + "=\"(\\d+)\"").matcher(dom);
      assertThat(m.find()).as(name).isTrue();
      return m.group(1);
    }

    List<String> plots() {
      List<String> ids = new ArrayList<>();
      Matcher m = PLOT.matcher(dom);
      while (m.find()) {
        ids.add(m.group(1));
      }
      return ids;
    }

    /** Per plot, the spans drawn for one rule; asserts the rule is drawn on every plot. */
    List<List<Drawn>> spansPerPlot(String rule) {
      List<List<Drawn>> out = new ArrayList<>();
      Matcher plot = PLOT.matcher(dom);
      while (plot.find()) {
        List<Drawn> drawn = new ArrayList<>();
        Matcher s = SPAN.matcher(plot.group());
        while (s.find()) {
          if (s.group(1).equals(rule)) {
            drawn.add(new Drawn(rule, Long.parseLong(s.group(2)), Long.parseLong(s.group(3)),
                Double.parseDouble(s.group(4)), Double.parseDouble(s.group(5))));
          }
        }
        assertThat(drawn).as(rule + " on plot " + plot.group(1)).isNotEmpty();
        out.add(drawn);
      }
      assertThat(out).isNotEmpty();
      return out;
    }

    List<String> thumbnails() {
      List<String> out = new ArrayList<>();
      Matcher m = IMG.matcher(dom);
      while (m.find()) {
        out.add(m.group(1));
      }
      return out;
    }
  }
}
