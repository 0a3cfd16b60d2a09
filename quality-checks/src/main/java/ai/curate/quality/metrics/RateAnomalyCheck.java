package ai.curate.quality.metrics;

import ai.curate.quality.rules.AlertSpec;
import ai.curate.quality.rules.Threshold;
import java.util.List;

/**
 * Compares a violation rate with its history (pure; Deequ-style strategies, see docs/quality.md for why Deequ
 * itself is not used). History is oldest first and excludes the current run.
 */
public final class RateAnomalyCheck {
  private RateAnomalyCheck() {}

  public static AnomalyVerdict check(AlertSpec spec, List<Double> history, double current) {
    return switch (spec.method()) {
      case AlertSpec.MEAN_STD -> meanStd(spec, history, current);
      case AlertSpec.RELATIVE_CHANGE -> relativeChange(spec, history, current);
      default -> throw new IllegalArgumentException("unknown alert method " + spec.method());
    };
  }

  /**
   * Anomalous when |x - mean| exceeds both k sample standard deviations and min_delta, over the last
   * {@code window} runs.
   */
  static AnomalyVerdict meanStd(AlertSpec spec, List<Double> history, double x) {
    List<Double> recent = history.subList(Math.max(0, history.size() - spec.window()), history.size());
    if (recent.size() < spec.minHistory()) {
      return AnomalyVerdict.insufficient(x, recent.size(), spec.minHistory());
    }
    double mean = recent.stream().mapToDouble(Double::doubleValue).average().orElse(0);
    double ss = recent.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    double std = recent.size() > 1 ? Math.sqrt(ss / (recent.size() - 1)) : 0.0;
    double band = Math.max(spec.k() * std, spec.minDelta());
    boolean anomalous = Math.abs(x - mean) > band;
    return new AnomalyVerdict(anomalous, x, mean - band, mean + band, recent.size(),
        "rate " + Threshold.format(round(x)) + " vs mean " + Threshold.format(round(mean)) + " ± "
            + Threshold.format(round(band)) + " (" + Threshold.format(spec.k()) + " std of " + recent.size()
            + " runs, at least " + Threshold.format(spec.minDelta()) + ")");
  }

  /**
   * Anomalous when the rate grew beyond max_increase times the previous run's (or fell below max_decrease times
   * it, when max_decrease > 0), and moved by more than min_delta.
   */
  static AnomalyVerdict relativeChange(AlertSpec spec, List<Double> history, double x) {
    if (history.size() < spec.minHistory() || history.isEmpty()) {
      return AnomalyVerdict.insufficient(x, history.size(), Math.max(1, spec.minHistory()));
    }
    double previous = history.get(history.size() - 1);
    double high = Math.max(previous * spec.maxIncrease(), previous + spec.minDelta());
    double low = spec.maxDecrease() > 0
        ? Math.min(previous * spec.maxDecrease(), previous - spec.minDelta())
        : Double.NEGATIVE_INFINITY;
    boolean anomalous = x > high || x < low;
    return new AnomalyVerdict(anomalous, x, low, high, history.size(),
        "rate " + Threshold.format(round(x)) + " vs previous run " + Threshold.format(round(previous))
            + " (allowed up to " + Threshold.format(round(high))
            + (low > Double.NEGATIVE_INFINITY ? ", down to " + Threshold.format(round(low)) : "") + ")");
  }

  private static double round(double v) {
    return Math.round(v * 1e6) / 1e6;
  }
}
