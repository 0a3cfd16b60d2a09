package ai.curate.jobs.view;

import static ai.curate.jobs.quality.QualityHtmlReport.esc;
import static ai.curate.jobs.view.SvgPaths.num;

import java.util.ArrayList;
import java.util.List;

/**
 * One plot of a page as inline SVG: the step axis ({@link PixelGrid}), downsampled series, optional horizontal limit
 * lines, optional free content (lanes, a heat strip), and every failed rule's spans shaded across it with the rule's
 * name. Pure string building.
 */
public final class SvgPlot {
  public static final int LEFT = 70;
  public static final int RIGHT = 10;
  public static final int TOP = 16;

  /** A horizontal line at a value, e.g. a joint limit. */
  public record Limit(String label, double value, String colour) {}

  private final String id;
  private final String title;
  private final PixelGrid grid;
  private final int height;
  private final List<Series> series = new ArrayList<>();
  private final List<Limit> limits = new ArrayList<>();
  private final List<RuleSpans> spans;
  private String content = "";
  private String seriesClassPrefix;
  private int seriesGroup = 1;

  public SvgPlot(String id, String title, PixelGrid grid, int height, List<RuleSpans> spans) {
    this.id = id;
    this.title = title;
    this.grid = grid;
    this.height = height;
    this.spans = spans;
  }

  public SvgPlot add(Series s) {
    series.add(s);
    return this;
  }

  public SvgPlot limit(Limit l) {
    limits.add(l);
    return this;
  }

  /** SVG drawn inside the plot area before the spans (coordinates: x from 0, y from {@link #TOP}). */
  public SvgPlot content(String svg) {
    content = svg;
    return this;
  }

  /**
   * Gives series i the class {@code prefix + i / group}, so the page's script can show or hide it (group 2: a state
   * and its command share a class).
   */
  public SvgPlot seriesClasses(String prefix, int group) {
    seriesClassPrefix = prefix;
    seriesGroup = group;
    return this;
  }

  public String render() {
    int w = LEFT + grid.width() + RIGHT;
    int h = TOP + height + 14;
    StringBuilder s = new StringBuilder();
    s.append("<figure><figcaption>").append(esc(title)).append("</figcaption>\n<svg id=\"").append(id)
        .append("\" class=\"plot\" width=\"").append(w).append("\" height=\"").append(h).append("\" viewBox=\"0 0 ")
        .append(w).append(' ').append(h).append("\">\n");
    s.append("<g transform=\"translate(").append(LEFT).append(",0)\">\n");
    s.append("<rect class=\"frame\" x=\"0\" y=\"").append(TOP).append("\" width=\"").append(grid.width())
        .append("\" height=\"").append(height).append("\"/>\n");
    SvgPaths.YScale scale = scale();
    if (scale != null) {
      axisLabels(s, scale);
    }
    s.append(content);
    spanRects(s);
    if (scale != null) {
      for (Limit l : limits) {
        double y = scale.y(l.value());
        s.append("<line class=\"limit\" x1=\"0\" x2=\"").append(grid.width()).append("\" y1=\"").append(num(y))
            .append("\" y2=\"").append(num(y)).append("\" stroke=\"").append(l.colour()).append("\"><title>")
            .append(esc(l.label())).append("</title></line>\n");
      }
      for (int i = 0; i < series.size(); i++) {
        Series se = series.get(i);
        String d = SvgPaths.envelope(se, scale);
        if (d.isEmpty()) {
          continue;
        }
        s.append("<path");
        if (seriesClassPrefix != null) {
          s.append(" class=\"").append(seriesClassPrefix).append(i / seriesGroup).append('"');
        }
        s.append(" data-series=\"").append(esc(se.name())).append("\" stroke=\"").append(se.colour()).append('"')
            .append(se.dashed() ? " stroke-dasharray=\"4 2\"" : "").append(" d=\"").append(d).append("\"><title>")
            .append(esc(se.name())).append("</title></path>\n");
      }
    }
    s.append("</g></svg>");
    legend(s);
    s.append("</figure>\n");
    return s.toString();
  }

  private SvgPaths.YScale scale() {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (Series se : series) {
      double[] r = se.range();
      if (r != null) {
        lo = Math.min(lo, r[0]);
        hi = Math.max(hi, r[1]);
      }
    }
    if (lo > hi) {
      return null;
    }
    for (Limit l : limits) {
      // A limit far outside the data would squash it flat: draw only limits within the data's range widened by half.
      double pad = (hi - lo) * 0.5 + 1e-9;
      if (l.value() >= lo - pad && l.value() <= hi + pad) {
        lo = Math.min(lo, l.value());
        hi = Math.max(hi, l.value());
      }
    }
    double pad = hi > lo ? (hi - lo) * 0.04 : Math.max(1e-6, Math.abs(hi) * 0.1);
    return new SvgPaths.YScale(lo - pad, hi + pad, TOP, height);
  }

  private void axisLabels(StringBuilder s, SvgPaths.YScale scale) {
    s.append("<text class=\"tick\" x=\"-4\" y=\"").append(TOP + 9).append("\">").append(tick(scale.hi()))
        .append("</text>\n<text class=\"tick\" x=\"-4\" y=\"").append(TOP + height).append("\">")
        .append(tick(scale.lo())).append("</text>\n");
  }

  static String tick(double v) {
    double a = Math.abs(v);
    if (a != 0 && (a < 0.01 || a >= 100000)) {
      return String.format(java.util.Locale.ROOT, "%.2g", v);
    }
    return String.format(java.util.Locale.ROOT, a >= 100 ? "%.0f" : "%.2f", v);
  }

  private void spanRects(StringBuilder s) {
    for (RuleSpans r : spans) {
      boolean labelled = false;
      for (SpanLayout.Rect rect : SpanLayout.layout(r.spans(), grid)) {
        s.append("<rect class=\"span\" data-rule=\"").append(esc(r.rule())).append("\" data-first-step=\"")
            .append(rect.first()).append("\" data-last-step=\"").append(rect.last()).append("\" x=\"")
            .append(num(rect.x())).append("\" y=\"").append(TOP).append("\" width=\"").append(num(rect.width()))
            .append("\" height=\"").append(height).append("\" fill=\"").append(r.colour()).append("\"><title>")
            .append(esc(r.rule())).append(": steps ").append(rect.first()).append('-').append(rect.last())
            .append("</title></rect>\n");
        if (!labelled) {
          s.append("<text class=\"spanlabel\" x=\"").append(num(rect.x() + 1)).append("\" y=\"").append(TOP - 3)
              .append("\" fill=\"").append(r.colour()).append("\">").append(esc(r.rule())).append("</text>\n");
          labelled = true;
        }
      }
    }
  }

  private void legend(StringBuilder s) {
    if (series.isEmpty() && limits.isEmpty()) {
      return;
    }
    s.append("<div class=\"legend\">");
    for (int i = 0; i < series.size(); i++) {
      Series se = series.get(i);
      s.append("<span");
      if (seriesClassPrefix != null) {
        s.append(" class=\"").append(seriesClassPrefix).append(i / seriesGroup).append('"');
      }
      s.append("><i style=\"background:").append(se.colour()).append("\"></i>").append(esc(se.name()))
          .append(se.dashed() ? " (dashed)" : "").append("</span> ");
    }
    s.append("</div>");
  }
}
