package ai.curate.quality.metrics;

import java.io.Serializable;

/**
 * Whether a rate is anomalous against its history, with the band it was expected in.
 *
 * @param historySize the previous points used (fewer than min_history: never anomalous)
 */
public record AnomalyVerdict(boolean anomalous, double value, double expectedLow, double expectedHigh,
    int historySize, String reason) implements Serializable {

  static AnomalyVerdict insufficient(double value, int size, int needed) {
    return new AnomalyVerdict(false, value, Double.NaN, Double.NaN, size,
        "history has " + size + " run(s), " + needed + " needed");
  }
}
