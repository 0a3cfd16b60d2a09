package ai.curate.quality.eval;

import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * The per-entity aggregation of all timestep rules: one call per entity with its steps sorted by step_index,
 * streamed once through every rule's {@link SequenceMetric}. Emits one row: key, step_count, first_ts_ns,
 * last_ts_ns, then value, detail and vacuous flag per rule. Memory per task: the metrics' state, bounded by the step width.
 */
final class SequencePass implements FlatMapGroupsFunction<String, Row, Row> {
  private static final long serialVersionUID = 1L;

  private final List<MetricFactory> factories;
  private final StepSchema schema;
  private final CheckEnvironment environment;

  SequencePass(List<MetricFactory> factories, StepSchema schema, CheckEnvironment environment) {
    this.factories = List.copyOf(factories);
    this.schema = schema;
    this.environment = environment;
  }

  @Override
  public Iterator<Row> call(String key, Iterator<Row> steps) {
    List<SequenceMetric> metrics = new ArrayList<>(factories.size());
    for (MetricFactory f : factories) {
      metrics.add(f.create(schema, environment));
    }
    int tsField = schema.tsNs();
    int stepField = schema.stepIndex();
    long count = 0;
    Long firstTs = null;
    Long lastTs = null;
    while (steps.hasNext()) {
      Row step = steps.next();
      count++;
      if (!step.isNullAt(tsField)) {
        long ts = StepValues.getLong(step, tsField);
        firstTs = firstTs == null ? ts : Math.min(firstTs, ts);
        lastTs = lastTs == null ? ts : Math.max(lastTs, ts);
      }
      for (int i = 0; i < metrics.size(); i++) {
        try {
          metrics.get(i).accept(step);
        } catch (RuntimeException e) {
          throw failure(i, key, step.isNullAt(stepField) ? "?" : String.valueOf(step.get(stepField)), e);
        }
      }
    }
    Object[] out = new Object[4 + 3 * metrics.size()];
    out[0] = key;
    out[1] = count;
    out[2] = firstTs;
    out[3] = lastTs;
    for (int i = 0; i < metrics.size(); i++) {
      try {
        SequenceMetric m = metrics.get(i);
        Double v = m.value();
        boolean vacuous = m.vacuous();
        out[4 + 3 * i] = v == null || v.isNaN() || vacuous ? null : v;
        out[5 + 3 * i] = m.detail();
        out[6 + 3 * i] = vacuous;
      } catch (RuntimeException e) {
        throw failure(i, key, "end", e);
      }
    }
    return List.of(RowFactory.create(out)).iterator();
  }

  private IllegalStateException failure(int rule, String key, String step, RuntimeException e) {
    return new IllegalStateException("quality rule '" + factories.get(rule).ruleName() + "' failed on entity '"
        + key + "' at step " + step + ": " + e, e);
  }
}
