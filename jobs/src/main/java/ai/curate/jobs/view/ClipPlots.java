package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import ai.curate.quality.JointLimits;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The plots of a human clip, from silver.human_timesteps: per-frame retargeting error, keypoint confidence, limit
 * saturation, the retargeted joints' trajectories (only where the joint was retargeted) and validity lanes.
 */
final class ClipPlots {
  private ClipPlots() {}

  static SignalPlots build(Dataset<Row> steps, PixelGrid grid, List<Integer> joints, List<String> names,
      JointLimits limits, List<RuleSpans> spans) {
    List<PlotBuckets.Scalar> scalars = new ArrayList<>();
    scalars.add(new PlotBuckets.Scalar("err", col("vector_error_mm")));
    scalars.add(new PlotBuckets.Scalar("solver_err", col("solver_vector_error_mm")));
    scalars.add(new PlotBuckets.Scalar("conf", col("keypoint_confidence_mean")));
    scalars.add(new PlotBuckets.Scalar("sat", col("limit_saturation")));
    scalars.add(new PlotBuckets.Scalar("retargeted", col("joint_position").isNotNull()));
    scalars.add(new PlotBuckets.Scalar("converged", col("converged")));
    for (int j : joints) {
      scalars.add(new PlotBuckets.Scalar("q" + j, when(col("joint_mask").getItem(j),
          col("joint_position").getItem(j))));
    }
    PlotBuckets b = PlotBuckets.aggregate(steps, grid, scalars);
    String[] p = FleetPlots.PALETTE;
    List<String> figures = new ArrayList<>();
    figures.add(new SvgPlot("retargeting_error", "Retargeting vector error per frame (mm): output solid, raw solver "
        + "dashed", grid, 140, spans).add(b.series("err", "vector error", p[0], false))
        .add(b.series("solver_err", "solver error", p[2], true)).render());
    figures.add(new SvgPlot("confidence", "Keypoint confidence (mean of 21) and limit saturation (fraction)", grid, 100,
        spans).add(b.series("conf", "keypoint confidence", p[1], false)).add(b.series("sat", "limit saturation", p[3],
            false))
        .render());
    SvgPlot trajectories = new SvgPlot("joint_positions", "Retargeted joint positions (rad), URDF limits dotted",
        grid, 160, spans).seriesClasses("j", 1);
    for (int k = 0; k < joints.size(); k++) {
      int j = joints.get(k);
      String colour = p[k % p.length];
      trajectories.add(b.series("q" + j, names.get(k), colour, false));
      if (Double.isFinite(limits.lower()[j])) {
        trajectories.limit(new SvgPlot.Limit(names.get(k) + " lower limit", limits.lower()[j], colour));
      }
      if (Double.isFinite(limits.upper()[j])) {
        trajectories.limit(new SvgPlot.Limit(names.get(k) + " upper limit", limits.upper()[j], colour));
      }
    }
    figures.add(trajectories.render());
    List<Lanes.Lane> lanes = List.of(
        new Lanes.Lane("retargeted", b.series("retargeted", "retargeted", "#000", false)),
        new Lanes.Lane("converged", b.series("converged", "converged", "#000", false)));
    figures.add(new SvgPlot("validity", "Per frame: a hand retargeted, solver converged (red: some frame not)", grid,
        lanes.size() * Lanes.LANE, spans).content(Lanes.svg(lanes, grid)).render());
    return new SignalPlots(figures);
  }
}
