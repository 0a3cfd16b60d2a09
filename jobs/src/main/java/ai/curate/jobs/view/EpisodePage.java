package ai.curate.jobs.view;

import static ai.curate.jobs.quality.QualityHtmlReport.esc;

import ai.curate.quality.rules.Threshold;

/**
 * The HTML of an entity's page: self-contained (inline CSS, SVG and images as data URIs, one small inline script, no
 * network). The script records any error into the {@code data-js-errors} attribute of the root element (so a
 * headless browser's DOM dump shows it), and wires the boxes that show or hide joint series.
 */
public final class EpisodePage {
  private EpisodePage() {}

  private static final String CSS = """
      body{font:13px system-ui,sans-serif;margin:16px;color:#222}
      h1{font-size:18px;margin:0 0 8px}h2{font-size:15px;margin:18px 0 6px}
      table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
      .facts td:first-child{color:#666}.pass{color:#2a7}.quarantine,.fail{color:#c22}.warn{color:#b80}
      figure{margin:8px 0}figcaption{font-weight:600}
      svg.plot{display:block}svg.plot path{fill:none;stroke-width:1}
      .frame{fill:#fafafa;stroke:#ccc}.tick{font-size:10px;text-anchor:end;fill:#666}
      .span{fill-opacity:.18}.spanlabel{font-size:10px}
      .limit{stroke-dasharray:2 3;stroke-width:1}.lane-ok{fill:#9d9}.lane-bad{fill:#d44}
      .legend span{margin-right:10px;white-space:nowrap}.legend i{display:inline-block;width:10px;height:3px;\
      margin-right:3px;vertical-align:middle}
      .thumbs{display:flex;flex-wrap:wrap;gap:6px}.thumbs figure{margin:0;font-size:11px}
      .thumbs img{display:block;border:2px solid #ccc}.thumbs .at{border-color:#d62728}
      .muted{color:#777}.hands svg{border:1px solid #ddd;margin-right:6px}
      """;

  private static final String ERROR_HOOK = "<script>window.onerror=function(m){var d=document.documentElement;"
      + "d.setAttribute('data-js-errors',(d.getAttribute('data-js-errors')||'')+m+';');};</script>\n";

  private static final String TOGGLES = """
      <script>
      (function(){
        var boxes=document.querySelectorAll('input.joint');
        for(var i=0;i<boxes.length;i++){boxes[i].addEventListener('change',function(e){
          var els=document.querySelectorAll('.'+e.target.value);
          for(var j=0;j<els.length;j++){els[j].style.display=e.target.checked?'':'none';}
        });}
        document.documentElement.setAttribute('data-rendered','1');
      })();
      </script>
      """;

  public static String render(PageData d) {
    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n").append(ERROR_HOOK)
        .append("<title>").append(esc(d.entity().type() + " " + d.entity().named())).append("</title>\n<style>")
        .append(CSS).append("</style></head>\n<body data-entity-type=\"").append(d.entity().type())
        .append("\" data-steps=\"").append(d.grid().steps()).append("\" data-plot-width=\"")
        .append(d.grid().width()).append("\" data-plot-left=\"").append(SvgPlot.LEFT).append("\">\n");
    h.append("<h1>").append(esc(d.entity().type())).append(' ').append(esc(d.entity().named()))
        .append(" <span class=\"")
        .append(d.quarantined() ? "quarantine\">quarantined" : "pass\">passed").append("</span></h1>\n");
    header(h, d);
    verdicts(h, d);
    if (!d.joints().isEmpty()) {
      h.append("<p>Joints shown: ");
      for (int i = 0; i < d.joints().size(); i++) {
        h.append("<label><input type=\"checkbox\" class=\"joint\" value=\"j").append(i).append("\" checked> ")
            .append(esc(d.joints().get(i))).append("</label> ");
      }
      h.append("</p>\n");
    }
    for (String plot : d.plots()) {
      h.append(plot);
    }
    thumbnails(h, d);
    if (!d.hands().isEmpty()) {
      h.append("<h2>Hand keypoints</h2>\n<div class=\"hands\">");
      d.hands().forEach(h::append);
      h.append("</div>\n");
    }
    if (!d.notes().isEmpty()) {
      h.append("<h2>Notes</h2>\n<ul>");
      for (String n : d.notes()) {
        h.append("<li>").append(esc(n)).append("</li>");
      }
      h.append("</ul>\n");
    }
    h.append(TOGGLES).append("</body></html>\n");
    return h.toString();
  }

  private static void header(StringBuilder h, PageData d) {
    h.append("<table class=\"facts\">");
    for (String[] f : d.facts()) {
      h.append("<tr><td>").append(esc(f[0])).append("</td><td>").append(esc(f[1])).append("</td></tr>");
    }
    h.append("</table>\n");
  }

  private static void verdicts(StringBuilder h, PageData d) {
    long failed = d.verdicts().stream().filter(v -> !v.passed()).count();
    h.append("<h2>Quality verdict: ").append(failed).append(" of ").append(d.verdicts().size())
        .append(" rules failed</h2>\n");
    if (failed == 0) {
      return;
    }
    h.append("<table class=\"verdicts\"><tr><th>rule</th><th>severity</th><th>value</th><th>threshold</th>"
        + "<th>where on the plots</th><th>message</th></tr>\n");
    for (RuleVerdict v : d.verdicts()) {
      if (v.passed()) {
        continue;
      }
      RuleSpans spans = d.spans().stream().filter(s -> s.rule().equals(v.rule())).findFirst().orElse(null);
      String where;
      if (spans == null) {
        where = "whole episode (not a per-step rule)";
      } else if (spans.spans().isEmpty()) {
        where = "no single step";
      } else {
        StepSpan first = spans.spans().get(0);
        where = "<span style=\"color:" + spans.colour() + "\">&#9632;</span> " + (spans.spans().size()
            + spans.dropped()) + " span(s), first steps " + first.first() + "-" + first.last();
      }
      h.append("<tr data-rule=\"").append(esc(v.rule())).append("\"><td>").append(esc(v.rule()))
          .append("</td><td class=\"")
          .append(esc(v.severity())).append("\">").append(esc(v.severity())).append("</td><td>")
          .append(v.value() == null ? "no value" : esc(Threshold.format(v.value()))).append("</td><td>")
          .append(esc(v.threshold())).append("</td><td>").append(spans == null ? esc(where) : where)
          .append("</td><td>").append(esc(v.message())).append("</td></tr>\n");
    }
    h.append("</table>\n");
  }

  private static void thumbnails(StringBuilder h, PageData d) {
    if (d.thumbnails().isEmpty()) {
      return;
    }
    h.append("<h2>Camera frames</h2>\n<div class=\"thumbs\">");
    for (PageData.Thumbnail t : d.thumbnails()) {
      h.append("<figure data-step=\"").append(t.step()).append("\"><img")
          .append(t.reason().isEmpty() ? "" : " class=\"at\"")
          .append(" alt=\"step ").append(t.step()).append("\" src=\"").append(t.dataUri())
          .append("\"><figcaption>step ")
          .append(t.step()).append(", frame ").append(t.frameIndex())
          .append(t.reason().isEmpty() ? "" : "<br>" + esc(t.reason())).append("</figcaption></figure>");
    }
    h.append("</div>\n");
  }
}
