package ai.curate.quality.rules;

import java.io.Serializable;
import java.util.List;

/**
 * How a rule's violation rate is compared with its history (metrics history, fleet health).
 * {@code mean_std}: the rate is anomalous when it is farther than {@code k} standard deviations from the mean of the
 * last {@code window} runs. {@code relative_change}: anomalous when it grew by more than the factor
 * {@code max_increase} (or shrank below {@code max_decrease}) relative to the previous run. Either way a change
 * smaller than {@code min_delta} (absolute rate) never alerts, and fewer than {@code min_history} previous runs
 * never alert.
 */
public record AlertSpec(String method, double k, int minHistory, double minDelta, double maxIncrease,
    double maxDecrease, int window) implements Serializable {
  public static final String MEAN_STD = "mean_std";
  public static final String RELATIVE_CHANGE = "relative_change";

  /** The keys of a rule's {@code alert:} mapping. */
  public static final List<ParamSpec> KEYS = List.of(
      ParamSpec.string("method", "how to compare with history").choices(List.of(MEAN_STD, RELATIVE_CHANGE)),
      ParamSpec.number("k", "mean_std: standard deviations allowed").min(0).optional(3.0),
      ParamSpec.integer("min_history", "previous runs needed before alerting").min(1).optional(3L),
      ParamSpec.number("min_delta", "smallest absolute rate change that may alert").min(0).max(1).optional(0.01),
      ParamSpec.number("max_increase", "relative_change: allowed growth factor vs the previous run").min(1)
          .optional(2.0),
      ParamSpec.number("max_decrease", "relative_change: alert when the rate falls below this factor").min(0).max(1)
          .optional(0.0),
      ParamSpec.integer("window", "previous runs considered").min(1).optional(30L));

  public static AlertSpec of(Params p) {
    return new AlertSpec(p.string("method"), p.number("k"), p.integer("min_history"), p.number("min_delta"),
        p.number("max_increase"), p.number("max_decrease"), p.integer("window"));
  }

  public static AlertSpec meanStd(double k, int minHistory, double minDelta, int window) {
    return new AlertSpec(MEAN_STD, k, minHistory, minDelta, 2.0, 0.0, window);
  }

  public static AlertSpec relativeChange(double maxIncrease, double maxDecrease, int minHistory, double minDelta) {
    return new AlertSpec(RELATIVE_CHANGE, 3.0, minHistory, minDelta, maxIncrease, maxDecrease, 30);
  }
}
