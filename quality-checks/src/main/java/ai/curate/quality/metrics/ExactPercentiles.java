package ai.curate.quality.metrics;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.ceil;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Exact percentiles per group, with the result of Spark's {@code percentile} (nulls skipped, NaN above every number,
 * position {@code (n - 1) * p}, linear interpolation between the two values around it), but without its buffer:
 * {@code percentile} keeps every distinct value of a group in one task's memory, which a rule scored over a fleet's
 * day (tens of millions of entities) does not fit. Here the values are ranked by a window over the group (sorted by
 * Spark's external sorter, which spills), and only the two ranks around each position are kept.
 */
final class ExactPercentiles {
  private ExactPercentiles() {}

  /**
   * {@code groups} (one row per value of {@code keys}, with the group's count of non-null values in column
   * {@code count}) with one more column per percentile: {@code names[i]} is the {@code ps[i]} percentile of
   * {@code value} over the group's rows of {@code values}, null for a group without values.
   */
  static Dataset<Row> of(Dataset<Row> values, List<String> keys, String value, Dataset<Row> groups, String count,
      double[] ps, String[] names) {
    List<Column> positionColumns = new ArrayList<>();
    for (String k : keys) {
      positionColumns.add(col(k).as("__key_" + k));
    }
    for (int i = 0; i < ps.length; i++) {
      Column position = col(count).minus(1).cast("double").multiply(lit(ps[i]));
      positionColumns.add(position.as("__pos" + i));
      positionColumns.add(floor(position).cast("long").as("__lo" + i));
      positionColumns.add(ceil(position).cast("long").as("__hi" + i));
    }
    Dataset<Row> positions = groups.where(col(count).gt(0)).select(positionColumns.toArray(new Column[0]));

    Column[] partition = keys.stream().map(k -> col(k)).toArray(Column[]::new);
    Dataset<Row> ranked = values.where(col(value).isNotNull())
        .withColumn("__rank", row_number().over(Window.partitionBy(partition).orderBy(col(value))).minus(1));
    Column sameGroup = lit(true);
    for (String k : keys) {
      sameGroup = sameGroup.and(col(k).eqNullSafe(col("__key_" + k)));
    }
    Column needed = lit(false);
    List<Column> picks = new ArrayList<>();
    for (int i = 0; i < ps.length; i++) {
      needed = needed.or(col("__rank").equalTo(col("__lo" + i))).or(col("__rank").equalTo(col("__hi" + i)));
      picks.add(first(col("__pos" + i)).as("__pos" + i));
      picks.add(first(col("__lo" + i)).as("__lo" + i));
      picks.add(first(col("__hi" + i)).as("__hi" + i));
      picks.add(max(when(col("__rank").equalTo(col("__lo" + i)), col(value))).as("__vlo" + i));
      picks.add(max(when(col("__rank").equalTo(col("__hi" + i)), col(value))).as("__vhi" + i));
    }
    Column[] byKey = keys.stream().map(k -> col("__key_" + k)).toArray(Column[]::new);
    Dataset<Row> picked = ranked.join(broadcast(positions), sameGroup).where(needed)
        .groupBy(byKey).agg(picks.get(0), picks.subList(1, picks.size()).toArray(new Column[0]));

    List<Column> out = new ArrayList<>();
    out.add(col("g.*"));
    for (int i = 0; i < ps.length; i++) {
      Column lo = col("p.__lo" + i);
      Column hi = col("p.__hi" + i);
      Column pos = col("p.__pos" + i);
      Column vlo = col("p.__vlo" + i);
      Column vhi = col("p.__vhi" + i);
      // Spark's Percentile.getPercentile, term for term, so the doubles round the same way.
      out.add(when(hi.equalTo(lo).or(vlo.equalTo(vhi)), vlo)
          .otherwise(hi.cast("double").minus(pos).multiply(vlo).plus(pos.minus(lo.cast("double")).multiply(vhi)))
          .as(names[i]));
    }
    Column joined = lit(true);
    for (String k : keys) {
      joined = joined.and(col("g." + k).eqNullSafe(col("p.__key_" + k)));
    }
    return groups.as("g").join(picked.as("p"), joined, "left").select(out.toArray(new Column[0]));
  }
}
