package ai.curate.quality.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.expr;

import ai.curate.quality.QualityTestBase;
import ai.curate.quality.metrics.ExactMoments.Moment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Per rule rates on a report in the quality report's layout: percentiles equal to Spark's own exact {@code percentile}
 * (nulls, NaN, ties, a group of one value, a group without values), means and deviations equal to the exact fold, and
 * the same rows however the report is partitioned.
 */
class QualityMetricsTest extends QualityTestBase {
  private static final StructType REPORT = new StructType()
      .add("entity_type", DataTypes.StringType)
      .add("entity_id", DataTypes.StringType)
      .add("rule", DataTypes.StringType)
      .add("severity", DataTypes.StringType)
      .add("tags", DataTypes.createArrayType(DataTypes.StringType))
      .add("passed", DataTypes.BooleanType)
      .add("value", DataTypes.DoubleType);

  @Test
  void ratesMatchSparksPercentileAndTheExactMomentsWhateverThePartitioning() {
    Random random = new Random(19);
    List<Row> rows = new ArrayList<>();
    Map<String, List<Double>> byRule = new HashMap<>();
    String[] rules = {"wide", "ties", "with_nan", "single", "no_values"};
    for (String rule : rules) {
      int n = switch (rule) {
        case "single" -> 1;
        case "no_values" -> 3;
        default -> 1 + random.nextInt(700);
      };
      for (int i = 0; i < n; i++) {
        Double v = switch (rule) {
          case "wide" -> random.nextInt(10) == 0 ? null : random.nextGaussian() * Math.pow(10, random.nextInt(8));
          case "ties" -> (double) random.nextInt(4);
          case "with_nan" -> i % 25 == 0 ? Double.NaN : random.nextDouble();
          case "single" -> 42.5;
          default -> null;
        };
        byRule.computeIfAbsent(rule, k -> new ArrayList<>()).add(v);
        rows.add(RowFactory.create("episode", "e" + i, rule, "error", new String[] {"joint_state"},
            v != null && v < 1, v));
      }
    }
    Dataset<Row> report = spark().createDataFrame(rows, REPORT);
    Map<String, Row> expected = new HashMap<>();
    for (Row r : report.groupBy("rule").agg(expr("percentile(value, 0.5)").as("p50"),
        expr("percentile(value, 0.95)").as("p95")).collectAsList()) {
      expected.put(r.getString(0), r);
    }

    List<Row> first = null;
    for (int partitions : new int[] {1, 3, 7}) {
      Dataset<Row> rates = QualityMetrics.ruleRates(report.repartition(partitions)).orderBy("rule");
      List<Row> got = rates.collectAsList();
      assertThat(got).hasSize(rules.length);
      for (Row r : got) {
        String rule = r.getAs("rule");
        List<Double> values = byRule.get(rule);
        Row e = expected.get(rule);
        assertThat((Object) r.getAs("value_p50")).as("%s p50", rule).isEqualTo(e.getAs("p50"));
        assertThat((Object) r.getAs("value_p95")).as("%s p95", rule).isEqualTo(e.getAs("p95"));
        assertThat((Object) r.getAs("value_mean")).as("%s mean", rule)
            .isEqualTo(ExactMomentsTestFolds.fold(values, Moment.MEAN));
        assertThat((Object) r.getAs("value_stddev")).as("%s stddev", rule)
            .isEqualTo(ExactMomentsTestFolds.fold(values, Moment.STDDEV_POP));
        assertThat((Long) r.getAs("entities")).isEqualTo(values.size());
        assertThat((Long) r.getAs("missing_values")).isEqualTo(values.stream().filter(v -> v == null).count());
      }
      if (first == null) {
        first = got;
      } else {
        assertThat(got).as("%d partitions", partitions).isEqualTo(first);
      }
    }
    Row none = first.stream().filter(r -> r.getAs("rule").equals("no_values")).findFirst().orElseThrow();
    assertThat((Object) none.getAs("value_p50")).isNull();
    assertThat((Object) none.getAs("value_mean")).isNull();
    Row single = first.stream().filter(r -> r.getAs("rule").equals("single")).findFirst().orElseThrow();
    assertThat((Double) single.getAs("value_p95")).isEqualTo(42.5);
    assertThat((Double) single.getAs("value_stddev")).isEqualTo(0.0);
    Row nan = first.stream().filter(r -> r.getAs("rule").equals("with_nan")).findFirst().orElseThrow();
    assertThat(byRule.get("with_nan")).anyMatch(v -> v.isNaN());
    assertThat((Double) nan.getAs("value_mean")).isNaN();
  }
}
