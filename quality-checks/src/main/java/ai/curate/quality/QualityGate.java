package ai.curate.quality;

import ai.curate.quality.rules.Severity;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The decision whether the run may publish: closed when a {@code fail} rule's violation rate exceeds its
 * {@code fail_fraction}. Computed from the observed counts (pure; no Spark).
 */
public record QualityGate(String entityType, List<Breach> breaches) implements Serializable {

  /** One fail rule over its allowed fraction. */
  public record Breach(String rule, long violations, long entities, double allowedFraction) implements Serializable {
    public double rate() {
      return entities == 0 ? 0.0 : (double) violations / entities;
    }
  }

  public QualityGate {
    breaches = List.copyOf(breaches);
  }

  public static QualityGate of(QualityCounts counts) {
    List<Breach> breaches = new ArrayList<>();
    for (RuleCount rc : counts.rules()) {
      EvaluatedRule rule = rc.rule();
      if (rule.severity() != Severity.FAIL || counts.entitiesScored() == 0) {
        continue;
      }
      if (rc.violationRate(counts.entitiesScored()) > rule.failFraction()) {
        breaches.add(new Breach(rule.name(), rc.violations(), counts.entitiesScored(), rule.failFraction()));
      }
    }
    return new QualityGate(counts.entityType().yamlName(), breaches);
  }

  public boolean open() {
    return breaches.isEmpty();
  }

  /** Throws {@link QualityGateException} when closed; call it after writing the report, before publishing. */
  public void requireOpen() {
    if (!open()) {
      throw new QualityGateException(this);
    }
  }

  public String describe() {
    if (open()) {
      return "quality gate open for " + entityType + "s";
    }
    return "quality gate closed for " + entityType + "s: " + breaches.stream()
        .map(b -> "rule '" + b.rule() + "' (severity fail) violated by " + b.violations() + " of " + b.entities()
            + " (" + percent(b.rate()) + ", allowed " + percent(b.allowedFraction()) + ")")
        .collect(Collectors.joining("; ")) + "; see gold.quality_report, fix the data or the rule, then rerun";
  }

  private static String percent(double f) {
    return String.format(java.util.Locale.ROOT, "%.1f%%", 100 * f);
  }
}
