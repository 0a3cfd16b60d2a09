package ai.curate.transforms.gold;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.udaf;
import static org.apache.spark.sql.functions.udf;

import ai.curate.transforms.gold.stats.FeatureAccumulator;
import ai.curate.transforms.gold.stats.FeatureStateAggregators;
import ai.curate.transforms.gold.stats.FeatureSummary;
import ai.curate.transforms.gold.stats.LogBucketSketch;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * gold.feature_stats: per group (e.g. source and capture date), feature and element, the count, mean, population
 * std, min, max and quantiles q01, q10, q50, q90, q99 that training normalises with.
 *
 * <p>One scan, one aggregation: every row's feature arrays become (feature, values) pairs ({@code explode}), each
 * array is {@code posexplode}d into (element_index, value), and a single {@code groupBy(keys, feature,
 * element_index)} folds values into a {@link FeatureAccumulator}. Its state is exact for count, sums, min and max and a
 * relative-error sketch for quantiles ({@link LogBucketSketch}: within 2^-9 = 0.195 % of the value at default
 * settings); states merge by addition, so {@link #combine} over several dates equals {@link #compute} over their
 * union, bit for bit, and a rerun reproduces every byte. Never an average of averages.
 *
 * <p>Null values (a modality invalid at a step, a human joint the retargeter did not solve: {@code joint_mask}
 * false) are left out; non-finite values are counted in {@code non_finite_count} and left out of every other
 * statistic. An element without any finite value has count 0 and NaN statistics.
 */
public final class FeatureStatistics {
  private FeatureStatistics() {}

  public static final double[] QUANTILES = {0.01, 0.10, 0.50, 0.90, 0.99};
  public static final String FEATURE = "feature";
  public static final String ELEMENT = "element";
  public static final String ELEMENT_INDEX = "element_index";
  public static final String STATE = "state";

  private static final StructType SUMMARY = summaryType();

  /** Statistics of {@code timesteps} (gold timestep columns) per {@code keys}, feature and element. */
  public static Dataset<Row> compute(Dataset<Row> timesteps, FeatureLayout layout, List<String> keys) {
    return compute(timesteps, layout, keys, LogBucketSketch.DEFAULT_MANTISSA_BITS);
  }

  public static Dataset<Row> compute(Dataset<Row> timesteps, FeatureLayout layout, List<String> keys,
      int mantissaBits) {
    List<Column> pairs = new ArrayList<>();
    for (String feature : layout.features()) {
      pairs.add(struct(lit(feature).as(FEATURE), values(feature).as("values")));
    }
    List<Column> keyColumns = keys.stream().map(k -> col(k)).toList();

    List<Column> first = new ArrayList<>(keyColumns);
    first.add(explode(array(pairs.toArray(new Column[0]))).as("f"));
    List<Column> second = new ArrayList<>(keyColumns);
    second.add(col("f." + FEATURE).as(FEATURE));
    second.add(posexplode(col("f.values")).as(new String[] {ELEMENT_INDEX, "value"}));

    UserDefinedFunction accumulate = udaf(new FeatureStateAggregators.Accumulate(mantissaBits), Encoders.FLOAT());
    List<Column> groupBy = new ArrayList<>(keyColumns);
    groupBy.add(col(FEATURE));
    groupBy.add(col(ELEMENT_INDEX));
    Dataset<Row> states = timesteps
        .select(first.toArray(new Column[0]))
        .select(second.toArray(new Column[0]))
        .where(col("value").isNotNull())
        .groupBy(groupBy.toArray(new Column[0]))
        .agg(accumulate.apply(col("value")).as(STATE));
    return describe(states.withColumn(ELEMENT, layout.elementNameColumn(col(FEATURE), col(ELEMENT_INDEX))), keys);
  }

  /**
   * Spark's object hash aggregation (how these typed aggregates run) falls back to sorting every input row once a
   * task holds more than {@code spark.sql.objectHashAggregate.sortBased.fallbackThreshold} groups, 128 by default.
   * A task here sees every (feature, element) of its keys, several hundred for one source and date, so at the default
   * every exploded value of a day (tens of millions of rows) went through an external sort, most of publish's CPU.
   * The groups are bounded by the keys times the model's feature width, and each holds one small accumulator, so
   * keeping them in the hash map is safe.
   */
  public static final String FALLBACK_THRESHOLD = "spark.sql.objectHashAggregate.sortBased.fallbackThreshold";

  public static final int GROUPS_PER_TASK = 65_536;

  /**
   * Runs {@code action} (whatever plans or executes the statistics: a write, a count, a {@code cache()}, whose query
   * is planned in a copy of the settings of that moment) with the hash aggregation kept for up to
   * {@link #GROUPS_PER_TASK} groups per task, then restores the session's setting.
   */
  public static <T> T withHashAggregation(SparkSession spark, Supplier<T> action) {
    scala.Option<String> before = spark.conf().getOption(FALLBACK_THRESHOLD);
    spark.conf().set(FALLBACK_THRESHOLD, Math.max(GROUPS_PER_TASK,
        before.isDefined() ? Integer.parseInt(before.get()) : 0));
    try {
      return action.get();
    } finally {
      if (before.isDefined()) {
        spark.conf().set(FALLBACK_THRESHOLD, before.get());
      } else {
        spark.conf().unset(FALLBACK_THRESHOLD);
      }
    }
  }

  /**
   * Merges rows of gold.feature_stats (their {@code state}) per {@code keys}, feature and element: statistics over
   * several dates (or sources) without rereading a timestep, identical to computing them over the union.
   */
  public static Dataset<Row> combine(Dataset<Row> stats, List<String> keys) {
    UserDefinedFunction merge = udaf(new FeatureStateAggregators.Merge(LogBucketSketch.DEFAULT_MANTISSA_BITS),
        Encoders.BINARY());
    List<Column> groupBy = new ArrayList<>(keys.stream().map(k -> col(k)).toList());
    groupBy.add(col(FEATURE));
    groupBy.add(col(ELEMENT));
    groupBy.add(col(ELEMENT_INDEX));
    Dataset<Row> states = stats.groupBy(groupBy.toArray(new Column[0])).agg(merge.apply(col(STATE)).as(STATE));
    return describe(states, keys);
  }

  /** Adds the summary columns of {@code state}; output: keys, feature, element, element_index, summary, state. */
  private static Dataset<Row> describe(Dataset<Row> states, List<String> keys) {
    UserDefinedFunction summarize = udf((UDF1<byte[], Row>) FeatureStatistics::summaryRow, SUMMARY);
    List<Column> out = new ArrayList<>(keys.stream().map(k -> col(k)).toList());
    out.add(col(FEATURE));
    out.add(col(ELEMENT));
    out.add(col(ELEMENT_INDEX).cast(DataTypes.IntegerType).as(ELEMENT_INDEX));
    for (String field : SUMMARY.fieldNames()) {
      out.add(col("__s." + field).as(field));
    }
    out.add(col(STATE));
    return states.withColumn("__s", summarize.apply(col(STATE))).select(out.toArray(new Column[0]));
  }

  static Row summaryRow(byte[] state) {
    FeatureSummary s = FeatureAccumulator.fromBytes(state).summary(QUANTILES);
    Object[] values = new Object[5 + QUANTILES.length + 1];
    values[0] = s.count();
    values[1] = s.mean();
    values[2] = s.std();
    values[3] = s.min();
    values[4] = s.max();
    for (int i = 0; i < QUANTILES.length; i++) {
      values[5 + i] = s.quantiles()[i];
    }
    values[5 + QUANTILES.length] = s.nonFiniteCount();
    return RowFactory.create(values);
  }

  private static StructType summaryType() {
    StructType t = new StructType()
        .add("count", DataTypes.LongType, false)
        .add("mean", DataTypes.DoubleType)
        .add("std", DataTypes.DoubleType)
        .add("min", DataTypes.DoubleType)
        .add("max", DataTypes.DoubleType);
    for (String q : GoldSchemas.QUANTILE_COLUMNS) {
      t = t.add(q, DataTypes.DoubleType);
    }
    return t.add("non_finite_count", DataTypes.LongType, false);
  }

  /** A feature's values as array<float>; human joint arrays with unsolved joints (mask false) nulled out. */
  private static Column values(String feature) {
    if (FeatureLayout.JOINT_FEATURES.contains(feature)) {
      return expr("CASE WHEN " + GoldColumns.JOINT_MASK + " IS NULL THEN CAST(" + feature + " AS array<float>) "
          + "ELSE zip_with(CAST(" + feature + " AS array<float>), " + GoldColumns.JOINT_MASK
          + ", (v, m) -> IF(m, v, CAST(NULL AS float))) END");
    }
    return col(feature).cast(GoldSchemas.FLOATS);
  }
}
