package ai.curate.quality.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.quality.QualityTestBase;
import ai.curate.quality.rules.AlertSpec;
import ai.curate.quality.rules.RuleSet;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Rate alerts over a multi-date metrics history: the pure strategies with hand-computed bands, and the Spark entry
 * point the quality stage uses, on a history table in the layout of gold.quality_metrics (rows unordered, two entity
 * types, a rule with a null rate).
 */
class RateAlertsTest extends QualityTestBase {
  private static final StructType METRICS = new StructType()
      .add("capture_date", DataTypes.DateType)
      .add("entity_type", DataTypes.StringType)
      .add("rule", DataTypes.StringType)
      .add("violation_rate", DataTypes.DoubleType);

  @Test
  void meanStdAlertsOutsideKStandardDeviationsOfTheWindowAndNeverOnTooShortAHistory() {
    AlertSpec spec = AlertSpec.meanStd(3.0, 3, 0.01, 4);
    // The last 4 of the history: 0.10, 0.12, 0.08, 0.10 -> mean 0.10, sample std 0.016330; band 3 std = 0.04899.
    List<Double> history = List.of(0.90, 0.10, 0.12, 0.08, 0.10);

    AnomalyVerdict high = RateAnomalyCheck.check(spec, history, 0.16);
    assertThat(high.anomalous()).isTrue();
    assertThat(high.historySize()).isEqualTo(4);
    assertThat(high.expectedHigh()).isCloseTo(0.10 + 3 * 0.0163299, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(RateAnomalyCheck.check(spec, history, 0.145).anomalous()).isFalse();
    // The old 0.90 is outside the window: with it the band would be wide enough to hide 0.16.
    assertThat(RateAnomalyCheck.check(AlertSpec.meanStd(3.0, 3, 0.01, 10), history, 0.16).anomalous()).isFalse();

    AnomalyVerdict young = RateAnomalyCheck.check(spec, List.of(0.1, 0.1), 0.9);
    assertThat(young.anomalous()).isFalse();
    assertThat(young.reason()).contains("2 run(s), 3 needed");
    // A flat history has std 0: min_delta is the band, so noise below it never alerts.
    assertThat(RateAnomalyCheck.check(spec, List.of(0.1, 0.1, 0.1), 0.105).anomalous()).isFalse();
    assertThat(RateAnomalyCheck.check(spec, List.of(0.1, 0.1, 0.1), 0.111).anomalous()).isTrue();
  }

  @Test
  void relativeChangeComparesWithThePreviousRunOnly() {
    AlertSpec spec = AlertSpec.relativeChange(2.0, 0.5, 1, 0.01);
    List<Double> history = List.of(0.50, 0.05);

    assertThat(RateAnomalyCheck.check(spec, history, 0.11).anomalous()).isTrue(); // > 2 x 0.05
    assertThat(RateAnomalyCheck.check(spec, history, 0.09).anomalous()).isFalse();
    assertThat(RateAnomalyCheck.check(spec, history, 0.02).anomalous()).isTrue(); // < 0.5 x 0.05 and > min_delta
    // From a zero rate, min_delta decides: 0.005 is noise, 0.02 is news.
    assertThat(RateAnomalyCheck.check(spec, List.of(0.0), 0.005).anomalous()).isFalse();
    assertThat(RateAnomalyCheck.check(spec, List.of(0.0), 0.02).anomalous()).isTrue();
    assertThat(RateAnomalyCheck.check(spec, List.of(), 0.9).anomalous()).isFalse();
  }

  @Test
  void theStageEntryPointReadsTheHistoryInDateOrderPerEntityType() {
    RuleSet rules = rules("episode", """
        - name: steady
          scope: episode
          expr: "true"
          severity: warn
          alert: { method: mean_std, k: 3, min_history: 3 }
        - name: jumps
          scope: episode
          expr: "true"
          severity: warn
          alert: { method: relative_change, max_increase: 2, min_history: 1 }
        - name: no_alert
          scope: episode
          expr: "true"
          severity: warn
        """);
    List<Row> rows = new ArrayList<>();
    // Day 4 first and day 1 last: the history must be sorted by date, not taken in table order.
    double[] steady = {0.10, 0.11, 0.09, 0.10};
    double[] jumps = {0.40, 0.40, 0.40, 0.05};
    for (int day = 4; day >= 1; day--) {
      Date date = Date.valueOf("2026-01-0" + day);
      rows.add(RowFactory.create(date, "episode", "steady", steady[day - 1]));
      rows.add(RowFactory.create(date, "episode", "jumps", jumps[day - 1]));
      rows.add(RowFactory.create(date, "episode", "no_alert", 0.0));
      // Clips have their own history: a wild clip rate with the same rule name must not count for episodes.
      rows.add(RowFactory.create(date, "clip", "steady", 0.9));
    }
    rows.add(RowFactory.create(Date.valueOf("2026-01-02"), "episode", "steady", null));
    Dataset<Row> history = spark().createDataFrame(rows, METRICS);
    Dataset<Row> today = spark().createDataFrame(List.of(
        RowFactory.create(Date.valueOf("2026-01-05"), "episode", "steady", 0.105),
        RowFactory.create(Date.valueOf("2026-01-05"), "episode", "jumps", 0.20),
        RowFactory.create(Date.valueOf("2026-01-05"), "episode", "no_alert", 1.0)), METRICS);

    List<RateAlert> alerts = RateAlerts.detect(rules, history, "capture_date", today);

    // jumps: 0.20 is 4x the previous day's 0.05 (if the rows were taken in table order, "previous" would be 0.40 and
    // 0.20 would not alert). steady: 0.105 is within the band of its four days. no_alert has no alert spec.
    assertThat(alerts).extracting(RateAlert::rule).containsExactly("jumps");
    assertThat(alerts.get(0).entityType()).isEqualTo("episode");
    assertThat(alerts.get(0).message()).contains("vs previous run 0.05");
    assertThat(alerts.get(0).verdict().historySize()).isEqualTo(4);
  }
}
