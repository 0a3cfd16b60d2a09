package ai.curate.jobs.view;

import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.rules.Threshold;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/**
 * Where on the step grid a failed timestep rule went wrong, found with the rule's own metric (the same class and
 * parameters the quality stage ran), so the page and the report cannot disagree. The metric is fed the episode's
 * steps in order, exactly as the evaluator feeds it, and asked for its value after every step: a step is marked when
 * the running value moved towards failing the threshold. For a fraction or count (coverage, spikes, steps out of
 * limits, an expr rule) that is every offending step; for a longest run (a frozen joint) it is the steps that made
 * the longest run grow; for a longest gap it is the step that closed it. The checks keep no per-step record
 * themselves (their state is bounded by the width of a step), so this replay is the cheapest honest way to get spans.
 * State: the current span and the finished ones (bounded by {@link #MAX_SPANS}).
 */
public final class RunningViolation {
  /** Spans kept per rule; a rule failing on more separate runs is drawn with the first ones and counted. */
  public static final int MAX_SPANS = 500;

  private final SequenceMetric metric;
  private final Threshold threshold;
  private final List<StepSpan> spans = new ArrayList<>();
  private double previousBadness = Double.NaN;
  private boolean anyValue;
  private long openFirst = -1;
  private long openLast = -1;
  private long dropped;

  public RunningViolation(SequenceMetric metric, Threshold threshold) {
    this.metric = metric;
    this.threshold = threshold;
  }

  /** Feeds the next step (in step order) and marks it when it made the rule's value worse. */
  public void accept(long stepIndex, Row step) {
    metric.accept(step);
    Double value = metric.value();
    if (value == null || value.isNaN()) {
      return;
    }
    double badness = badness(value);
    boolean worse = anyValue ? badness > previousBadness : !threshold.holds(value);
    anyValue = true;
    previousBadness = badness;
    if (worse) {
      mark(stepIndex);
    }
  }

  private void mark(long step) {
    if (openFirst >= 0 && step == openLast + 1) {
      openLast = step;
      return;
    }
    close();
    openFirst = step;
    openLast = step;
  }

  private void close() {
    if (openFirst < 0) {
      return;
    }
    if (spans.size() < MAX_SPANS) {
      spans.add(new StepSpan(openFirst, openLast));
    } else {
      dropped++;
    }
    openFirst = -1;
  }

  /** How far the value is on the failing side: larger is worse, whatever the threshold's direction. */
  double badness(double v) {
    return switch (threshold.comparison()) {
      case AT_MOST, BELOW -> v;
      case AT_LEAST, ABOVE -> -v;
      case BETWEEN -> Math.max(threshold.bound() - v, v - threshold.upperBound());
    };
  }

  /** The marked runs of steps, in step order; call once all steps were fed. */
  public List<StepSpan> spans() {
    close();
    return List.copyOf(spans);
  }

  /** Runs beyond {@link #MAX_SPANS}, not kept. */
  public long dropped() {
    return dropped;
  }
}
