package ai.curate.quality.checks.common;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import ai.curate.quality.rules.Threshold;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * A sensor element (a joint, a taxel) that stops changing while other signals move: the signature of a stuck
 * encoder or of a driver repeating its last value. Windowed logic as a bounded streaming aggregation: one pass over
 * the steps in order, keeping per element the previous value, the current run and the longest run (memory: the
 * array width, never the episode length).
 *
 * <p>Rules, step by step (consecutive steps that both have the column):
 * <ul>
 *   <li>element j <em>moved</em> when it changed by more than {@code epsilon};</li>
 *   <li><em>something else moved</em> when another element of the column moved, or, with
 *       {@code reference_column} (e.g. {@code action} for joint states), any element of that column moved: this is
 *       what catches a whole stream frozen while the commands keep changing;</li>
 *   <li>j's run grows when j did not move and something else did; it resets when j moves; steps where nothing
 *       moves (the robot holds still) neither grow nor reset it; a step without the column resets every run (a gap
 *       proves nothing); with {@code exclude_zero}, exact zeros (a taxel without contact) reset it.</li>
 * </ul>
 * An element that never moves during the whole episode is unused (legs while standing, a taxel never touched), not
 * frozen, and is ignored unless {@code include_never_moving} is set; a channel that never changes is the job of
 * {@code dead_taxels} or an expr rule. Value: the longest run (steps) of any element; it must stay below
 * {@code min_run_steps}.
 */
public final class FrozenSensor extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public FrozenSensor() {
    super(CheckSpec.timestepForAll("frozen_sensor")
        .params(
            ParamSpec.string("column", "array column to watch, e.g. joint_position or tactile_left"),
            ParamSpec.integer("min_run_steps", "steps an element may not stay constant while others move").min(2),
            ParamSpec.number("epsilon", "largest change still counted as constant").min(0).optional(0.0),
            ParamSpec.string("reference_column", "array column whose motion also counts as 'others move', e.g. "
                + "action").optional(null),
            ParamSpec.bool("exclude_zero", "ignore exact zeros (taxels without contact)").optional(false),
            ParamSpec.bool("include_never_moving", "also flag elements that never move in the episode")
                .optional(false))
        .summary("longest run of steps in which one element of an array stays constant while other signals move")
        .measures(p -> "longest frozen run in " + p.string("column") + " (steps)")
        .threshold(p -> Threshold.below(p.integer("min_run_steps")))
        .inputs(FrozenSensor::inputColumnsOf));
  }

  private static List<String> inputColumnsOf(Params params) {
    List<String> columns = new ArrayList<>(List.of(params.string("column")));
    if (params.has("reference_column")) {
      columns.add(params.string("reference_column"));
    }
    return columns;
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    String column = params.string("column");
    int reference = params.has("reference_column") ? schema.index(params.string("reference_column")) : -1;
    return new Metric(schema.stepIndex(), schema.index(column), reference, column, params.number("epsilon"),
        params.bool("exclude_zero"), params.bool("include_never_moving"), environment);
  }

  static final class Metric implements SequenceMetric {
    private final int stepField;
    private final int valueField;
    private final int referenceField;
    private final String column;
    private final double epsilon;
    private final boolean excludeZero;
    private final boolean includeNeverMoving;
    private final CheckEnvironment environment;

    private double[] previous;
    private double[] current;
    private double[] previousReference;
    private double[] currentReference;
    private long previousStep;
    private int width = -1;
    private int[] run;
    private long[] runStart;
    private int[] longest;
    private long[] longestStart;
    private double[] longestValue;
    private boolean[] everMoved;

    Metric(int stepField, int valueField, int referenceField, String column, double epsilon, boolean excludeZero,
        boolean includeNeverMoving, CheckEnvironment environment) {
      this.stepField = stepField;
      this.valueField = valueField;
      this.referenceField = referenceField;
      this.column = column;
      this.epsilon = epsilon;
      this.excludeZero = excludeZero;
      this.includeNeverMoving = includeNeverMoving;
      this.environment = environment;
    }

    @Override
    public void accept(Row step) {
      long stepIndex = StepValues.getLong(step, stepField);
      current = StepValues.doubles(step, valueField, current);
      currentReference = referenceField < 0 ? null : StepValues.doubles(step, referenceField, currentReference);
      boolean referenceMoved = previousReference != null && currentReference != null
          && previousReference.length == currentReference.length && anyMoved(currentReference, previousReference);
      if (current != null && current.length != width) {
        startTracking(current.length);
      }
      if (current == null || previous == null || previous.length != current.length) {
        if (run != null) {
          java.util.Arrays.fill(run, 0);
        }
      } else {
        advance(stepIndex, referenceMoved);
      }
      double[] t = previous;
      previous = current;
      current = t;
      t = previousReference;
      previousReference = currentReference;
      currentReference = t;
      previousStep = stepIndex;
    }

    private void advance(long stepIndex, boolean referenceMoved) {
      int moving = 0;
      for (int j = 0; j < width; j++) {
        if (moved(j)) {
          moving++;
        }
      }
      for (int j = 0; j < width; j++) {
        boolean movedJ = moved(j);
        everMoved[j] |= movedJ;
        boolean othersMoved = moving - (movedJ ? 1 : 0) > 0 || referenceMoved;
        if (movedJ || Double.isNaN(current[j]) || (excludeZero && current[j] == 0.0)) {
          run[j] = 0;
        } else if (othersMoved) {
          if (run[j] == 0) {
            runStart[j] = previousStep;
          }
          run[j]++;
          if (run[j] > longest[j]) {
            longest[j] = run[j];
            longestStart[j] = runStart[j];
            longestValue[j] = current[j];
          }
        }
      }
    }

    private void startTracking(int n) {
      width = n;
      run = new int[n];
      runStart = new long[n];
      longest = new int[n];
      longestStart = new long[n];
      longestValue = new double[n];
      everMoved = new boolean[n];
      previous = null;
    }

    private boolean moved(int j) {
      // NaN compares false: a missing reading is not movement.
      return Math.abs(current[j] - previous[j]) > epsilon;
    }

    private boolean anyMoved(double[] now, double[] before) {
      for (int j = 0; j < now.length; j++) {
        if (Math.abs(now[j] - before[j]) > epsilon) {
          return true;
        }
      }
      return false;
    }

    private int worstElement() {
      int worst = -1;
      for (int j = 0; j < width; j++) {
        if ((everMoved[j] || includeNeverMoving) && longest[j] > 0 && (worst < 0 || longest[j] > longest[worst])) {
          worst = j;
        }
      }
      return worst;
    }

    @Override
    public Double value() {
      int worst = worstElement();
      return worst < 0 ? 0.0 : (double) longest[worst];
    }

    @Override
    public String detail() {
      int worst = worstElement();
      if (worst < 0) {
        return null;
      }
      return environment.elementName(column, worst) + " constant at " + StepValues.brief(longestValue[worst]) + " for "
          + longest[worst] + " steps from step " + longestStart[worst];
    }
  }
}
