package ai.curate.jobs.view;

import static ai.curate.jobs.view.SvgPaths.num;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Small 3-D views of a clip's hand at a few frames, as oblique orthographic SVG projections: the 21 keypoints as
 * bones (wrist + 4 x 5 fingers), and beside them the retargeter's task vectors of the human hand (blue) against the
 * Neo hand's forward kinematics at the retargeted joints (orange), drawn from a common origin ({@link HandFk}).
 */
public final class HandSketch {
  static final int SIZE = 160;
  static final int FRAMES = 4;
  /** Parent of each keypoint: wrist 0; each finger a chain of four from the wrist. */
  static final int[] PARENT = {-1, 0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11, 0, 13, 14, 15, 0, 17, 18, 19};

  private HandSketch() {}

  /** Both views at up to {@link #FRAMES} of the regular thumbnail steps; {@code fk} null draws the keypoints only. */
  static List<String> sketches(Dataset<Row> steps, Map<Long, String> thumbSteps, HandFk fk, boolean wristFrame) {
    List<Long> regular = thumbSteps.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey)
        .limit(FRAMES).toList();
    if (regular.isEmpty()) {
      return List.of();
    }
    // Flattened on Spark (21 x 3 -> 63 values): x, y, z of each keypoint in turn.
    List<Row> rows = steps.where(col("step_index").isin(regular.toArray()).and(col("keypoints").isNotNull()))
        .selectExpr("step_index", "flatten(keypoints)", "hand_side", "joint_position").orderBy("step_index")
        .collectAsList();
    List<String> out = new ArrayList<>();
    for (Row r : rows) {
      List<Number> flat = r.getList(1);
      double[] kp = new double[flat.size()];
      for (int i = 0; i < kp.length; i++) {
        kp[i] = flat.get(i) == null ? Double.NaN : flat.get(i).doubleValue();
      }
      long step = r.getInt(0);
      out.add(keypoints(step, kp));
      if (fk != null && !r.isNullAt(3)) {
        List<Number> q = r.getList(3);
        float[] joints = new float[q.size()];
        for (int i = 0; i < joints.length; i++) {
          joints[i] = q.get(i) == null ? Float.NaN : q.get(i).floatValue();
        }
        HandFk.Vectors v = fk.of(r.getString(2), kp, wristFrame, joints);
        if (v != null) {
          out.add(vectors(step, v));
        }
      }
    }
    return out;
  }

  /** The keypoints as bones. */
  public static String keypoints(long step, double[] xyz) {
    double[][] p = project(xyz);
    StringBuilder s = open("hand", step, "");
    Frame f = Frame.of(p);
    for (int i = 0; i < p.length && i < PARENT.length; i++) {
      int parent = PARENT[i];
      if (parent >= 0 && finite(p[i]) && finite(p[parent])) {
        line(s, f, p[parent], p[i], "#1f77b4");
      }
    }
    return close(s, "step " + step + ": keypoints");
  }

  /** Human task vectors (blue) and the robot's (orange) from one origin; pinch pairs left out. */
  public static String vectors(long step, HandFk.Vectors v) {
    int slots = v.pinch().length;
    double[] all = new double[3 * (2 * slots + 1)];
    System.arraycopy(v.human(), 0, all, 3, 3 * slots);
    System.arraycopy(v.robot(), 0, all, 3 + 3 * slots, 3 * slots);
    double[][] p = project(all);
    Frame f = Frame.of(p);
    StringBuilder s = open("hand-fk", step, " data-error-mm=\"" + String.format(Locale.ROOT, "%.3f",
        v.meanErrorMm()) + "\"");
    for (int i = 0; i < slots; i++) {
      if (!v.pinch()[i]) {
        line(s, f, p[0], p[1 + i], "#1f77b4");
        line(s, f, p[0], p[1 + slots + i], "#ff7f0e");
      }
    }
    return close(s, String.format(Locale.ROOT, "step %d: human (blue) vs Neo FK (orange), %.1f mm", step,
        v.meanErrorMm()));
  }

  /** Oblique orthographic projection: 30 degrees about the vertical axis, then 20 about the horizontal. */
  static double[][] project(double[] xyz) {
    double cy = Math.cos(Math.toRadians(30));
    double sy = Math.sin(Math.toRadians(30));
    double cx = Math.cos(Math.toRadians(20));
    double sx = Math.sin(Math.toRadians(20));
    double[][] p = new double[xyz.length / 3][2];
    for (int i = 0; i < p.length; i++) {
      double x = xyz[3 * i];
      double y = xyz[3 * i + 1];
      double z = xyz[3 * i + 2];
      double x1 = x * cy + z * sy;
      double z1 = -x * sy + z * cy;
      p[i][0] = x1;
      p[i][1] = y * cx - z1 * sx;
    }
    return p;
  }

  /** The bounding box of projected points, mapped onto the square drawing area. */
  private record Frame(double lo0, double lo1, double scale) {
    static Frame of(double[][] p) {
      double lo0 = Double.POSITIVE_INFINITY;
      double hi0 = Double.NEGATIVE_INFINITY;
      double lo1 = Double.POSITIVE_INFINITY;
      double hi1 = Double.NEGATIVE_INFINITY;
      for (double[] q : p) {
        if (finite(q)) {
          lo0 = Math.min(lo0, q[0]);
          hi0 = Math.max(hi0, q[0]);
          lo1 = Math.min(lo1, q[1]);
          hi1 = Math.max(hi1, q[1]);
        }
      }
      double span = Math.max(Math.max(hi0 - lo0, hi1 - lo1), 1e-9);
      return new Frame(lo0, lo1, (SIZE - 20) / span);
    }
  }

  private static StringBuilder open(String cls, long step, String attributes) {
    return new StringBuilder("<svg class=\"" + cls + "\" data-step=\"" + step + "\"" + attributes + " width=\"" + SIZE
        + "\" height=\"" + (SIZE + 14) + "\">");
  }

  private static String close(StringBuilder s, String caption) {
    return s.append("<text x=\"4\" y=\"").append(SIZE + 10).append("\" font-size=\"10\">")
        .append(ai.curate.jobs.quality.QualityHtmlReport.esc(caption)).append("</text></svg>").toString();
  }

  private static void line(StringBuilder s, Frame f, double[] a, double[] b, String colour) {
    s.append("<line x1=\"").append(num(10 + (a[0] - f.lo0()) * f.scale())).append("\" y1=\"")
        .append(num(10 + (a[1] - f.lo1()) * f.scale())).append("\" x2=\"")
        .append(num(10 + (b[0] - f.lo0()) * f.scale()))
        .append("\" y2=\"").append(num(10 + (b[1] - f.lo1()) * f.scale())).append("\" stroke=\"").append(colour)
        .append("\"/>");
  }

  private static boolean finite(double[] p) {
    return Double.isFinite(p[0]) && Double.isFinite(p[1]);
  }
}
