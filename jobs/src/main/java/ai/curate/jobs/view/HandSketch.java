package ai.curate.jobs.view;

import static ai.curate.jobs.view.SvgPaths.num;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A small 3-D view of a clip's hand keypoints (21 points, the usual wrist + 4 x 5 finger layout) at a few frames:
 * an oblique orthographic projection drawn as SVG bones. Pure drawing apart from fetching those few rows.
 */
public final class HandSketch {
  static final int SIZE = 160;
  static final int FRAMES = 4;
  /** Parent of each keypoint: wrist 0; each finger a chain of four from the wrist. */
  static final int[] PARENT = {-1, 0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0, 13, 14, 15, 0, 17, 18, 19};

  private HandSketch() {}

  static List<String> sketches(Dataset<Row> steps, Map<Long, String> thumbSteps) {
    List<Long> regular = thumbSteps.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
        .limit(FRAMES).toList();
    if (regular.isEmpty()) {
      return List.of();
    }
    List<Row> rows = steps.where(col("step_index").isin(regular.toArray()).and(col("keypoints").isNotNull()))
        .selectExpr("step_index", "flatten(keypoints)").orderBy("step_index").collectAsList();
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      // Flattened on Spark (21 x 3 -> 63 values): x, y, z of each keypoint in turn.
      List<Number> flat = r.getList(1);
      double[][] pts = new double[flat.size() / 3][3];
      for (int i = 0; i < flat.size(); i++) {
        Number v = flat.get(i);
        pts[i / 3][i % 3] = v == null ? Double.NaN : v.doubleValue();
      }
      out.add(svg(r.getInt(0), pts));
    }
    return out;
  }

  /** The keypoints seen from an oblique angle (30 degrees about the vertical, 20 about the horizontal axis). */
  public static String svg(long step, double[][] points) {
    double cy = Math.cos(Math.toRadians(30));
    double sy = Math.sin(Math.toRadians(30));
    double cx = Math.cos(Math.toRadians(20));
    double sx = Math.sin(Math.toRadians(20));
    double[][] p2 = new double[points.length][2];
    double lo0 = Double.POSITIVE_INFINITY;
    double hi0 = Double.NEGATIVE_INFINITY;
    double lo1 = Double.POSITIVE_INFINITY;
    double hi1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < points.length; i++) {
      double x = points[i][0] * cy + points[i][2] * sy;
      double z = -points[i][0] * sy + points[i][2] * cy;
      double y = points[i][1] * cx - z * sx;
      p2[i][0] = x;
      p2[i][1] = y;
      if (Double.isFinite(x) && Double.isFinite(y)) {
        lo0 = Math.min(lo0, x);
        hi0 = Math.max(hi0, x);
        lo1 = Math.min(lo1, y);
        hi1 = Math.max(hi1, y);
      }
    }
    StringBuilder s = new StringBuilder("<svg class=\"hand\" data-step=\"" + step + "\" width=\"" + SIZE
        + "\" height=\"" + (SIZE + 14) + "\">");
    double span = Math.max(Math.max(hi0 - lo0, hi1 - lo1), 1e-9);
    double scale = (SIZE - 20) / span;
    for (int i = 0; i < points.length && i < PARENT.length; i++) {
      int parent = PARENT[i];
      if (parent < 0 || !finite(p2[i]) || !finite(p2[parent])) {
        continue;
      }
      s.append("<line x1=\"").append(num(10 + (p2[parent][0] - lo0) * scale)).append("\" y1=\"")
          .append(num(10 + (p2[parent][1] - lo1) * scale)).append("\" x2=\"").append(num(10 + (p2[i][0] - lo0) * scale))
          .append("\" y2=\"").append(num(10 + (p2[i][1] - lo1) * scale)).append("\" stroke=\"#1f77b4\"/>");
    }
    s.append("<text x=\"4\" y=\"").append(SIZE + 10).append("\" font-size=\"10\">step ").append(step)
        .append("</text></svg>");
    return s.toString();
  }

  private static boolean finite(double[] p) {
    return Double.isFinite(p[0]) && Double.isFinite(p[1]);
  }
}
