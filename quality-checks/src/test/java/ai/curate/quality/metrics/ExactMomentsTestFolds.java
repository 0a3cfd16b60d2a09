package ai.curate.quality.metrics;

import ai.curate.quality.metrics.ExactMoments.Moment;
import java.util.List;

/** The exact moments folded in list order, as a reference for the tests. */
final class ExactMomentsTestFolds {
  private ExactMomentsTestFolds() {}

  static Double fold(List<Double> values, Moment moment) {
    ExactMoments agg = new ExactMoments(moment);
    ExactMoments.State s = agg.zero();
    for (Double v : values) {
      s = agg.reduce(s, v);
    }
    return agg.finish(s);
  }
}
