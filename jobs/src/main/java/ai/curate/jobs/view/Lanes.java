package ai.curate.jobs.view;

import static ai.curate.jobs.quality.QualityHtmlReport.esc;
import static ai.curate.jobs.view.SvgPaths.num;

import java.util.List;

/**
 * Validity lanes: one row per modality, green where every step of a pixel column is valid and red where some step
 * is not (the min of the validity flag per column). Pure SVG building for {@link SvgPlot#content}.
 */
public final class Lanes {
  public static final int LANE = 14;

  private Lanes() {}

  /** A lane's label and its validity per column (1 all valid, 0 some step invalid, NaN no step). */
  public record Lane(String label, Series validity) {}

  public static String svg(List<Lane> lanes, PixelGrid grid) {
    StringBuilder s = new StringBuilder();
    double half = Math.max(0.5, grid.width() / (double) grid.steps() / 2);
    for (int i = 0; i < lanes.size(); i++) {
      Lane lane = lanes.get(i);
      double y = SvgPlot.TOP + i * LANE + 1;
      s.append("<text class=\"tick\" x=\"-4\" y=\"").append(num(y + LANE - 4)).append("\">").append(esc(lane.label()))
          .append("</text>\n");
      Series v = lane.validity();
      int i0 = 0;
      while (i0 < v.size()) {
        boolean bad = isBad(v, i0);
        int i1 = i0;
        while (i1 + 1 < v.size() && isBad(v, i1 + 1) == bad && Double.isFinite(v.min()[i1 + 1])) {
          i1++;
        }
        if (Double.isFinite(v.min()[i0])) {
          double x0 = Math.max(0, v.x()[i0] - half);
          double x1 = Math.min(grid.width(), v.x()[i1] + half);
          s.append("<rect class=\"").append(bad ? "lane-bad" : "lane-ok").append("\" x=\"").append(num(x0))
              .append("\" y=\"").append(num(y)).append("\" width=\"").append(num(Math.max(0.5, x1 - x0)))
              .append("\" height=\"").append(LANE - 2).append("\"/>\n");
        }
        i0 = i1 + 1;
      }
    }
    return s.toString();
  }

  private static boolean isBad(Series v, int i) {
    return Double.isFinite(v.min()[i]) && v.min()[i] < 1;
  }
}
