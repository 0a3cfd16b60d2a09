package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import ai.curate.quality.JointLimits;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The plots of a fleet episode, from silver.robot_timesteps: joint positions with their URDF limits, commands
 * against states, wrench force and torque magnitudes, tactile heat strips, validity lanes and staleness. One Spark
 * aggregation gives every line ({@link PlotBuckets}); each tactile pad is one more.
 */
final class FleetPlots {
  static final String[] PALETTE = {"#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#17becf", "#e377c2",
      "#7f7f7f", "#bcbd22", "#d62728"};
  static final List<String> MODALITIES = List.of("joint_state", "action", "wrench_left", "wrench_right",
      "tactile_left", "tactile_right");

  private FleetPlots() {}

  static SignalPlots build(Dataset<Row> steps, PixelGrid grid, List<Integer> joints, List<String> names,
      JointLimits limits, List<RuleSpans> spans) {
    List<PlotBuckets.Scalar> scalars = new ArrayList<>();
    for (int j : joints) {
      scalars.add(new PlotBuckets.Scalar("q" + j, col("joint_position").getItem(j)));
      scalars.add(new PlotBuckets.Scalar("a" + j, col("action").getItem(j)));
    }
    for (String side : List.of("left", "right")) {
      String w = "wrench_" + side;
      scalars.add(new PlotBuckets.Scalar("f_" + side, magnitude(w, 0)));
      scalars.add(new PlotBuckets.Scalar("t_" + side, magnitude(w, 3)));
    }
    for (String m : MODALITIES) {
      scalars.add(new PlotBuckets.Scalar("valid_" + m, col(m + "_valid")));
      scalars.add(new PlotBuckets.Scalar("stale_" + m, col(m + "_staleness_ns").divide(1e6)));
    }
    scalars.add(new PlotBuckets.Scalar("valid_cameras", col("cameras_valid")));
    PlotBuckets b = PlotBuckets.aggregate(steps, grid, scalars);

    List<String> figures = new ArrayList<>();
    SvgPlot positions = new SvgPlot("joint_positions", "Joint positions (rad), URDF limits dotted", grid, 160, spans)
        .seriesClasses("j", 1);
    SvgPlot commands = new SvgPlot("commands", "Commands (dashed) against states (rad)", grid, 160, spans);
    for (int k = 0; k < joints.size(); k++) {
      int j = joints.get(k);
      String colour = PALETTE[k % PALETTE.length];
      positions.add(b.series("q" + j, names.get(k), colour, false));
      if (Double.isFinite(limits.lower()[j])) {
        positions.limit(new SvgPlot.Limit(names.get(k) + " lower limit", limits.lower()[j], colour));
      }
      if (Double.isFinite(limits.upper()[j])) {
        positions.limit(new SvgPlot.Limit(names.get(k) + " upper limit", limits.upper()[j], colour));
      }
      commands.add(b.series("q" + j, names.get(k) + " state", colour, false));
      commands.add(b.series("a" + j, names.get(k) + " command", colour, true));
    }
    figures.add(positions.render());
    // A joint's state and command share its class, so one box hides both.
    figures.add(commands.seriesClasses("j", 2).render());
    figures.add(new SvgPlot("wrench", "Wrench magnitudes: force (N) solid, torque (N·m) dashed", grid, 120, spans)
        .add(b.series("f_left", "left force", PALETTE[0], false)).add(b.series("f_right", "right force", PALETTE[1],
            false))
        .add(b.series("t_left", "left torque", PALETTE[0], true)).add(b.series("t_right", "right torque", PALETTE[1],
            true))
        .render());
    for (String side : List.of("left", "right")) {
      figures.add(tactile(steps, grid, "tactile_" + side, spans));
    }
    List<Lanes.Lane> lanes = new ArrayList<>();
    for (String m : MODALITIES) {
      lanes.add(new Lanes.Lane(m, b.series("valid_" + m, m, "#000", false)));
    }
    lanes.add(new Lanes.Lane("cameras", b.series("valid_cameras", "cameras", "#000", false)));
    figures.add(new SvgPlot("validity", "Validity per modality (red: some step in the column invalid)", grid,
        lanes.size() * Lanes.LANE, spans).content(Lanes.svg(lanes, grid)).render());
    SvgPlot stale = new SvgPlot("staleness", "Staleness, largest per column (ms)", grid, 100, spans);
    for (int i = 0; i < MODALITIES.size(); i++) {
      stale.add(b.series("stale_" + MODALITIES.get(i), MODALITIES.get(i), PALETTE[i], false));
    }
    figures.add(stale.render());
    return new SignalPlots(figures);
  }

  private static org.apache.spark.sql.Column magnitude(String column, int from) {
    return expr("sqrt(pow(" + column + "[" + from + "], 2) + pow(" + column + "[" + (from + 1) + "], 2) + pow("
        + column + "[" + (from + 2) + "], 2))");
  }

  static String tactile(Dataset<Row> steps, PixelGrid grid, String column, List<RuleSpans> spans) {
    // One image column per pixel column at most; a short episode gets one per step, stretched to the plot's width.
    PixelGrid strip = new PixelGrid((int) Math.min(grid.width(), grid.steps()), grid.steps());
    double[][] cells = HeatStrip.aggregate(steps, strip, column);
    String png = HeatStrip.png(cells);
    int taxels = cells.length == 0 ? 0 : cells[0].length;
    int height = Math.max(20, Math.min(120, taxels * 3));
    String content = png == null
        ? "<text class=\"tick\" x=\"" + grid.width() / 2 + "\" y=\"" + (SvgPlot.TOP + 12)
            + "\">no values</text>"
        : "<image x=\"0\" y=\"" + SvgPlot.TOP + "\" width=\"" + grid.width() + "\" height=\""
            + height + "\" preserveAspectRatio=\"none\" style=\"image-rendering:pixelated\" href=\"" + png + "\"/>\n";
    return new SvgPlot(column, column + ": taxel (rows) x time, mean per column, white low, red high (" + taxels
        + " taxels)", grid, height, spans).content(content).render();
  }
}
