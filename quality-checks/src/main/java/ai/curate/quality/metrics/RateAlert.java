package ai.curate.quality.metrics;

import java.io.Serializable;

/** A rule whose violation rate moved away from its history in this run. */
public record RateAlert(String entityType, String rule, AnomalyVerdict verdict) implements Serializable {
  public String message() {
    return entityType + " rule '" + rule + "': violation " + verdict.reason();
  }
}
