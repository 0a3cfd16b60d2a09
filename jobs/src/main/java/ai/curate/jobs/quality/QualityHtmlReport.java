package ai.curate.jobs.quality;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Renders the quality report of one date as one self-contained HTML page: inline CSS and SVG, no script, no network.
 * Pure (no Spark): {@link QualityReportData} gathers the small aggregates this draws.
 */
public final class QualityHtmlReport {
  private QualityHtmlReport() {}

  /** Before/after counts of one entity type (gold.quality_runs). */
  public record RunCounts(String entityType, long entitiesIn, long passed, long quarantined, boolean gateOpen,
      String gateMessage, List<String> alerts, String runId) {}

  /** One rule's violation rate (gold.quality_metrics). */
  public record RuleRate(String entityType, String rule, String severity, long entities, long violations,
      double rate, long missingValues, boolean alert, String alertMessage) {}

  /** Equal-width bins over [lo, hi]; {@code missing}: entities without a value. */
  public record Histogram(String title, String unit, double lo, double hi, long[] counts, long missing) {
    long total() {
      long t = 0;
      for (long c : counts) {
        t += c;
      }
      return t;
    }
  }

  /** A quarantined entity and the rules that held it back. */
  public record Held(String entityType, String entityId, List<String> rules) {}

  /** A rule and how many entities it held back. */
  public record ReasonCount(String entityType, String rule, long entities) {}

  public record Data(String date, List<RunCounts> runs, List<RuleRate> rates, List<Histogram> scores,
      Histogram retargetingError, List<ReasonCount> reasons, List<Held> held, long heldTotal) {}

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;max-width:1100px}
      h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
      table{border-collapse:collapse;font-size:13px;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;text-align:left}
      th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
      .closed{color:#b00020;font-weight:600}.open{color:#1b7f3b;font-weight:600}.muted{color:#777;font-size:12px}
      svg text{font-size:11px;fill:#333}.alert{color:#b00020}
      """;

  public static String render(Data d) {
    return render(d, Map.of());
  }

  /**
   * The page, with each held-back entity linked to its own page where {@code pages} has one: keys are
   * {@link #pageKey}, values relative links ({@code curate report --with-episodes} writes the pages beside it).
   */
  public static String render(Data d, Map<String, String> pages) {
    StringBuilder h = new StringBuilder(16_384);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Quality report ")
        .append(esc(d.date())).append("</title><style>").append(CSS).append("</style></head><body>\n");
    h.append("<h1>Quality report for ").append(esc(d.date())).append("</h1>\n");
    h.append("<p class=\"muted\">From gold.quality_runs, gold.quality_metrics, gold.quality_report and "
        + "gold.quarantine. Self-contained: no scripts, no network.</p>\n");

    h.append("<h2>Before and after</h2>\n");
    if (d.runs().isEmpty()) {
      h.append("<p>No quality run for this date.</p>\n");
    } else {
      h.append("<table><tr><th>entity type</th><th>in</th><th>passed</th><th>quarantined</th><th>quarantine rate</th>"
          + "<th>gate</th><th>run</th></tr>\n");
      for (RunCounts r : d.runs()) {
        h.append("<tr><td>").append(esc(r.entityType())).append("s</td><td class=\"n\">").append(r.entitiesIn())
            .append("</td><td class=\"n\">").append(r.passed()).append("</td><td class=\"n\">").append(r.quarantined())
            .append("</td><td class=\"n\">").append(pct(r.entitiesIn() == 0
                ? 0
                : (double) r.quarantined()
                    / r.entitiesIn()))
            .append("</td><td class=\"").append(r.gateOpen() ? "open\">open" : "closed\">closed")
            .append("</td><td>").append(esc(r.runId())).append("</td></tr>\n");
      }
      h.append("</table>\n");
      h.append(countsChart(d.runs()));
      for (RunCounts r : d.runs()) {
        if (!r.gateOpen()) {
          h.append("<p class=\"closed\">").append(esc(r.gateMessage())).append("</p>\n");
        }
        for (String a : r.alerts()) {
          h.append("<p class=\"alert\">Alert: ").append(esc(a)).append("</p>\n");
        }
      }
    }

    h.append("<h2>Rule violation rates</h2>\n");
    for (String type : entityTypes(d)) {
      List<RuleRate> rates = d.rates().stream().filter(r -> r.entityType().equals(type))
          .sorted(Comparator.comparingDouble(RuleRate::rate).reversed().thenComparing(RuleRate::rule)).toList();
      if (rates.isEmpty()) {
        continue;
      }
      h.append("<h3>").append(esc(type)).append(" rules</h3>\n").append(rateChart(rates));
      h.append("<table><tr><th>rule</th><th>severity</th><th>violations</th><th>entities</th><th>rate</th>"
          + "<th>no value</th><th>alert</th></tr>\n");
      for (RuleRate r : rates) {
        h.append("<tr><td>").append(esc(r.rule())).append("</td><td>").append(esc(r.severity()))
            .append("</td><td class=\"n\">").append(r.violations()).append("</td><td class=\"n\">")
            .append(r.entities()).append("</td><td class=\"n\">").append(pct(r.rate())).append("</td><td class=\"n\">")
            .append(r.missingValues()).append("</td><td").append(r.alert() ? " class=\"alert\">" : ">")
            .append(r.alert() ? esc(r.alertMessage()) : "").append("</td></tr>\n");
      }
      h.append("</table>\n");
    }

    h.append("<h2>Per-entity scores</h2>\n<p class=\"muted\">Score: the fraction of an entity's rules it passed "
        + "(1 = every rule passed). Per-rule values are in gold.quality_report.</p>\n");
    for (Histogram s : d.scores()) {
      h.append(histogramChart(s));
    }

    h.append("<h2>Retargeting error</h2>\n");
    Histogram re = d.retargetingError();
    if (re == null || re.total() == 0) {
      h.append("<p>No retargeting error values for this date")
          .append(re == null
              ? ""
              : " (" + re.missing() + " clips without a value: retarget has not run or wrote "
                  + "no errors)")
          .append(".</p>\n");
    } else {
      h.append(histogramChart(re));
    }

    h.append("<h2>Quarantine</h2>\n");
    if (d.reasons().isEmpty()) {
      h.append("<p>Nothing quarantined.</p>\n");
    } else {
      h.append(reasonChart(d.reasons()));
      h.append("<table><tr><th>entity type</th><th>entity (robot/session/episode, dataset/clip)</th>"
          + "<th>rules</th></tr>\n");
      for (Held e : d.held()) {
        String page = pages.get(pageKey(e.entityType(), e.entityId()));
        h.append("<tr><td>").append(esc(e.entityType())).append("</td><td>").append(page == null
            ? esc(e.entityId())
            : "<a href=\"" + esc(page) + "\">" + esc(e.entityId()) + "</a>").append("</td><td>")
            .append(esc(String.join(", ", e.rules()))).append("</td></tr>\n");
      }
      h.append("</table>\n");
      if (d.heldTotal() > d.held().size()) {
        h.append("<p class=\"muted\">").append(d.held().size()).append(" of ").append(d.heldTotal())
            .append(" quarantined entities shown; all are in gold.quarantine.</p>\n");
      }
    }
    h.append("</body></html>\n");
    return h.toString();
  }

  /** An entity as the held-back list names it: type and robot/session/episode or dataset/clip. */
  public static String pageKey(String entityType, String qualifiedId) {
    return entityType + " " + qualifiedId;
  }

  private static List<String> entityTypes(Data d) {
    List<String> out = new ArrayList<>();
    for (RuleRate r : d.rates()) {
      if (!out.contains(r.entityType())) {
        out.add(r.entityType());
      }
    }
    return out;
  }

  // ---- charts --------------------------------------------------------------------------------------------

  private static final int WIDTH = 900;
  private static final int LABEL = 230;
  private static final int BAR = 16;

  /** Pixels per unit for horizontal bars whose longest is {@code max}, leaving {@code reserved} pixels for text. */
  private static double barScale(long max, int reserved) {
    return (WIDTH - LABEL - reserved) / (double) Math.max(1, max);
  }

  private static String countsChart(List<RunCounts> runs) {
    int height = runs.size() * (BAR + 10) + 30;
    double scale = barScale(runs.stream().mapToLong(RunCounts::entitiesIn).max().orElse(1), 160);
    StringBuilder s = svg(height, "passed and quarantined per entity type");
    int y = 10;
    for (RunCounts r : runs) {
      double pw = r.passed() * scale;
      double qw = r.quarantined() * scale;
      s.append(text(LABEL - 6, y + 12, "end", r.entityType() + "s: " + r.entitiesIn() + " in"));
      s.append(rect(LABEL, y, pw, BAR, "#4caf50", r.passed() + " passed"));
      s.append(rect(LABEL + pw, y, qw, BAR, "#e57373", r.quarantined() + " quarantined"));
      s.append(text(LABEL + pw + qw + 6, y + 12, "start", r.passed() + " passed, " + r.quarantined() + " quarantined"));
      y += BAR + 10;
    }
    s.append(legend(y + 4, List.of("#4caf50", "passed", "#e57373", "quarantined")));
    return s.append("</svg>\n").toString();
  }

  private static String rateChart(List<RuleRate> rates) {
    int height = rates.size() * (BAR + 4) + 34;
    StringBuilder s = svg(height, "violation rate per rule");
    double span = WIDTH - LABEL - 170;
    int y = 6;
    for (RuleRate r : rates) {
      String colour = switch (r.severity()) {
        case "fail" -> "#b00020";
        case "quarantine" -> "#e57373";
        default -> "#ffb74d";
      };
      s.append(text(LABEL - 6, y + 12, "end", r.rule()));
      s.append(rect(LABEL, y, Math.max(0, r.rate()) * span, BAR, colour, r.rule() + ": " + pct(r.rate())));
      s.append(text(LABEL + r.rate() * span + 6, y + 12, "start", pct(r.rate()) + " (" + r.violations() + "/"
          + r.entities() + ")" + (r.alert() ? " ALERT" : "")));
      y += BAR + 4;
    }
    s.append(legend(y + 4, List.of("#b00020", "fail", "#e57373", "quarantine", "#ffb74d", "warn")));
    return s.append("</svg>\n").toString();
  }

  private static String reasonChart(List<ReasonCount> reasons) {
    int height = reasons.size() * (BAR + 4) + 14;
    double scale = barScale(reasons.stream().mapToLong(ReasonCount::entities).max().orElse(1), 120);
    StringBuilder s = svg(height, "quarantined entities per rule");
    int y = 6;
    for (ReasonCount r : reasons) {
      s.append(text(LABEL - 6, y + 12, "end", r.entityType() + " / " + r.rule()));
      s.append(rect(LABEL, y, r.entities() * scale, BAR, "#e57373", r.rule() + ": " + r.entities()));
      s.append(text(LABEL + r.entities() * scale + 6, y + 12, "start", String.valueOf(r.entities())));
      y += BAR + 4;
    }
    return s.append("</svg>\n").toString();
  }

  private static String histogramChart(Histogram hist) {
    int plotH = 140;
    int left = 50;
    int height = plotH + 60;
    long max = 1;
    for (long c : hist.counts()) {
      max = Math.max(max, c);
    }
    int n = hist.counts().length;
    double bw = (WIDTH - left - 20) / (double) n;
    StringBuilder s = new StringBuilder("<h3>").append(esc(hist.title())).append("</h3>\n");
    s.append(svg(height, hist.title()));
    s.append("<line x1=\"").append(left).append("\" y1=\"").append(plotH + 10).append("\" x2=\"")
        .append(WIDTH - 20).append("\" y2=\"").append(plotH + 10).append("\" stroke=\"#999\"/>\n");
    for (int i = 0; i < n; i++) {
      long c = hist.counts()[i];
      double bh = c * (plotH - 10) / (double) max;
      double lo = hist.lo() + i * (hist.hi() - hist.lo()) / n;
      double hi = hist.lo() + (i + 1) * (hist.hi() - hist.lo()) / n;
      s.append(rect(left + i * bw + 1, plotH + 10 - bh, Math.max(0, bw - 2), bh, "#5c8fd6",
          num(lo) + "–" + num(hi) + " " + hist.unit() + ": " + c));
      if (c > 0) {
        s.append(text(left + i * bw + bw / 2, plotH + 6 - bh, "middle", String.valueOf(c)));
      }
    }
    s.append(text(left, plotH + 24, "start", num(hist.lo()) + " " + hist.unit()));
    s.append(text(WIDTH - 20, plotH + 24, "end", num(hist.hi()) + " " + hist.unit()));
    s.append(text(left, plotH + 42, "start", hist.total() + " with a value" + (hist.missing() > 0
        ? ", " + hist.missing() + " without"
        : "")));
    return s.append("</svg>\n").toString();
  }

  private static StringBuilder svg(int height, String title) {
    return new StringBuilder("<svg width=\"").append(WIDTH).append("\" height=\"")
        .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
        .append("\" role=\"img\"><title>").append(esc(title)).append("</title>\n");
  }

  private static String legend(int y, List<String> colourLabel) {
    StringBuilder s = new StringBuilder();
    int x = LABEL;
    for (int i = 0; i < colourLabel.size(); i += 2) {
      s.append(rect(x, y, 10, 10, colourLabel.get(i), colourLabel.get(i + 1)));
      s.append(text(x + 14, y + 9, "start", colourLabel.get(i + 1)));
      x += 110;
    }
    return s.toString();
  }

  private static String rect(double x, double y, double w, double h, String fill, String tooltip) {
    return String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
        + "<title>%s</title></rect>\n", x, y, w, h, fill, esc(tooltip));
  }

  private static String text(double x, double y, String anchor, String content) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>\n", x, y, anchor,
        esc(content));
  }

  static String pct(double f) {
    return String.format(Locale.ROOT, "%.1f%%", 100 * f);
  }

  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e12) {
      return String.valueOf((long) v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }

  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
