package ai.curate.transforms.align.bench;

import ai.curate.transforms.align.AlignMethod;
import ai.curate.transforms.align.AlignmentConfig;
import ai.curate.transforms.align.StreamPolicy;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Tempo-style as-of join the issue compares against, in Spark SQL: union samples and grid points, then
 * {@code last(... IGNORE NULLS)} over a window ordered by time for the previous sample and {@code last(...
 * IGNORE NULLS)} over the same window run backwards in time for the next one, partitioned by (episode, stream) without buckets.
 * Same semantics as the transform for LINEAR / PREVIOUS / NEAREST (missing samples dropped, last in file order
 * wins at equal ts, inclusive max gap, no extrapolation); window methods are not supported.
 */
final class WindowBaseline {
  private WindowBaseline() {}

  static Dataset<Row> align(SparkSession spark, Dataset<Row> samples, Dataset<Row> grid, AlignmentConfig config) {
    StringBuilder gap = new StringBuilder("CASE stream");
    StringBuilder method = new StringBuilder("CASE stream");
    StringBuilder streams = new StringBuilder();
    for (Map.Entry<String, StreamPolicy> e : config.policies().entrySet()) {
      if (e.getValue().method() != AlignMethod.LINEAR && e.getValue().method() != AlignMethod.PREVIOUS
          && e.getValue().method() != AlignMethod.NEAREST) {
        throw new IllegalArgumentException("The window baseline has no " + e.getValue().method() + " policy");
      }
      gap.append(" WHEN '").append(e.getKey()).append("' THEN ").append(e.getValue().maxGapNs()).append('L');
      method.append(" WHEN '").append(e.getKey()).append("' THEN '").append(e.getValue().method()).append('\'');
      streams.append(streams.length() == 0 ? "" : ", ").append('\'').append(e.getKey()).append('\'');
    }
    gap.append(" END");
    method.append(" END");
    samples.createOrReplaceTempView("baseline_samples");
    grid.createOrReplaceTempView("baseline_grid");
    return spark.sql(String.join("\n",
        "WITH events AS (",
        "  SELECT episode_id, stream, ts_ns, 0 AS kind, seq, CAST(values AS ARRAY<DOUBLE>) AS values",
        "  FROM baseline_samples",
        "  WHERE stream IN (" + streams + ") AND values IS NOT NULL",
        "    AND forall(values, x -> x IS NOT NULL AND abs(x) < double('Infinity'))",
        "  UNION ALL",
        "  SELECT episode_id, stream, ts_ns, 1 AS kind, step_index AS seq, CAST(NULL AS ARRAY<DOUBLE>) AS values",
        "  FROM baseline_grid LATERAL VIEW explode(array(" + streams + ")) s AS stream",
        "), neighbours AS (",
        "  SELECT *,",
        "    last(IF(kind = 0, ts_ns, NULL), true) OVER before AS prev_ts,",
        "    last(IF(kind = 0, seq, NULL), true) OVER before AS prev_seq,",
        "    last(values, true) OVER before AS prev_values,",
        "    last(IF(kind = 0, ts_ns, NULL), true) OVER after AS next_ts,",
        "    last(IF(kind = 0, seq, NULL), true) OVER after AS next_seq,",
        "    last(values, true) OVER after AS next_values",
        "  FROM events",
        "  WINDOW before AS (PARTITION BY episode_id, stream ORDER BY ts_ns, kind, seq",
        "                    ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),",
        // Backwards in time: the running last() is the first sample after t (grid rows sort before samples
        // at equal ts; the highest seq of the next ts comes last). A frame ending at UNBOUNDED FOLLOWING would
        // be recomputed for every row in Spark 3.5 (quadratic), which no real Tempo-style job uses.
        "         after AS (PARTITION BY episode_id, stream ORDER BY ts_ns DESC, kind DESC, seq",
        "                   ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)",
        "), grid_rows AS (",
        "  SELECT episode_id, seq AS step_index, ts_ns, stream, prev_ts, prev_seq, prev_values, next_ts, next_seq,",
        "    next_values, " + method + " AS method,",
        "    prev_ts IS NOT NULL AND ts_ns - prev_ts <= " + gap + " AS prev_ok,",
        "    next_ts IS NOT NULL AND next_ts - ts_ns <= " + gap + " AS next_ok",
        "  FROM neighbours WHERE kind = 1",
        "), chosen AS (",
        "  SELECT *, CASE",
        "    WHEN method = 'PREVIOUS' THEN IF(prev_ok, 'prev', NULL)",
        "    WHEN method = 'NEAREST' THEN CASE WHEN prev_ok AND (NOT next_ok OR ts_ns - prev_ts <= next_ts - ts_ns)",
        "      THEN 'prev' WHEN next_ok THEN 'next' END",
        "    WHEN prev_ts = ts_ns THEN 'prev'",
        "    WHEN prev_ok AND next_ok THEN 'linear' END AS source",
        "  FROM grid_rows",
        ")",
        "SELECT episode_id, step_index, ts_ns, stream,",
        "  CASE source WHEN 'prev' THEN prev_values WHEN 'next' THEN next_values",
        "    WHEN 'linear' THEN zip_with(prev_values, next_values,",
        "      (a, b) -> (b - a) / CAST(next_ts - prev_ts AS DOUBLE) * CAST(ts_ns - prev_ts AS DOUBLE) + a) END AS values,",
        "  source IS NOT NULL AS valid,",
        "  CASE source WHEN 'prev' THEN ts_ns - prev_ts WHEN 'next' THEN next_ts - ts_ns",
        "    WHEN 'linear' THEN greatest(ts_ns - prev_ts, next_ts - ts_ns) END AS staleness_ns,",
        "  CASE WHEN source IS NULL THEN 0 WHEN source = 'linear' THEN 2 ELSE 1 END AS sample_count,",
        "  CASE source WHEN 'next' THEN next_seq WHEN 'prev' THEN prev_seq WHEN 'linear' THEN prev_seq END",
        "    AS source_seq",
        "FROM chosen"));
  }
}
