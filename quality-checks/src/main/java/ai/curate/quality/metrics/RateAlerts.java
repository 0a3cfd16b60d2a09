package ai.curate.quality.metrics;

import static org.apache.spark.sql.functions.col;

import ai.curate.quality.rules.Rule;
import ai.curate.quality.rules.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Applies each rule's {@code alert:} to its violation rate: this run's rate (from {@link QualityMetrics#ruleRates})
 * against the previous runs in the metrics history. Both inputs are tiny (rules x runs), so they are collected to
 * the driver and compared in plain Java.
 */
public final class RateAlerts {
  private RateAlerts() {}

  /**
   * @param history     earlier runs' rule rates with columns entity_type, rule, violation_rate and
   *                    {@code orderColumn}; only rows before the current run must be included (e.g. capture_date
   *                    &lt; D), one row per rule per run
   * @param orderColumn the column that orders runs, oldest first (e.g. capture_date)
   * @param current     this run's rule rates (entity_type, rule, violation_rate)
   */
  public static List<RateAlert> detect(RuleSet rules, Dataset<Row> history, String orderColumn,
      Dataset<Row> current) {
    String entity = rules.entityType().yamlName();
    Map<String, List<Double>> past = new HashMap<>();
    for (Row r : history.filter(col("entity_type").equalTo(entity)).orderBy(col(orderColumn))
        .select("rule", "violation_rate").collectAsList()) {
      if (!r.isNullAt(1)) {
        past.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(r.getDouble(1));
      }
    }
    Map<String, Double> now = new HashMap<>();
    for (Row r : current.filter(col("entity_type").equalTo(entity)).select("rule", "violation_rate")
        .collectAsList()) {
      if (!r.isNullAt(1)) {
        now.put(r.getString(0), r.getDouble(1));
      }
    }
    return detect(rules, past, now);
  }

  /** Pure form: histories (oldest first) and current rates by rule name. */
  public static List<RateAlert> detect(RuleSet rules, Map<String, List<Double>> history,
      Map<String, Double> current) {
    List<RateAlert> alerts = new ArrayList<>();
    for (Rule rule : rules.rules()) {
      Double rate = current.get(rule.name());
      if (rule.alert() == null || rate == null) {
        continue;
      }
      AnomalyVerdict verdict = RateAnomalyCheck.check(rule.alert(), history.getOrDefault(rule.name(), List.of()),
          rate);
      if (verdict.anomalous()) {
        alerts.add(new RateAlert(rules.entityType().yamlName(), rule.name(), verdict));
      }
    }
    return alerts;
  }
}
