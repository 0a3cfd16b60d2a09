package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.StepFraction;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.BuiltinRuleCheck;
import ai.curate.quality.rules.ExpressionRuleCheck;
import ai.curate.quality.rules.Rule;
import ai.curate.quality.rules.Scope;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Replays the failed timestep rules of one entity over its steps to find where each went wrong
 * ({@link RunningViolation}). The steps are projected to the rules' input columns (as the quality evaluator does),
 * sorted by step and streamed to the driver with {@code toLocalIterator}: one partition at a time, so a long episode
 * is never held whole, and every metric sees every step as it did in the quality stage. Entity-scope rules (ingest
 * counters, durations, video darkness) have no steps and are listed in the page's header only.
 */
public final class ViolationReplay {
  /** Shading colours, one per failed rule in the page's order. */
  static final String[] COLOURS = {"#d62728", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf",
      "#7f7f7f"};

  private ViolationReplay() {}

  public static List<RuleSpans> spans(Dataset<Row> steps, List<Rule> failed, List<RuleVerdict> verdicts,
      CheckEnvironment environment) {
    List<Rule> rules = failed.stream().filter(r -> r.scope() == Scope.TIMESTEP).toList();
    if (rules.isEmpty()) {
      return List.of();
    }
    Set<String> columns = new LinkedHashSet<>(List.of(StepSchema.STEP_INDEX, StepSchema.TS_NS));
    List<Column> expressions = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (rule.check() instanceof BuiltinRuleCheck b) {
        columns.addAll(b.check().inputColumns(b.params()));
      } else {
        // The rule's own expression, evaluated by Spark on the same columns the stage evaluated it on.
        String sql = ((ExpressionRuleCheck) rule.check()).expression();
        expressions.add(coalesce(expr(sql), lit(false)).as(exprColumn(i)));
      }
    }
    List<Column> projection = new ArrayList<>();
    columns.forEach(c -> projection.add(col(c)));
    projection.addAll(expressions);
    Dataset<Row> projected = steps.select(projection.toArray(new Column[0]))
        .orderBy(col(StepSchema.STEP_INDEX), col(StepSchema.TS_NS));
    StepSchema schema = new StepSchema(projected.schema());

    List<RunningViolation> replays = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (rule.check() instanceof BuiltinRuleCheck b) {
        replays.add(new RunningViolation(((TimestepCheck) b.check()).newMetric(b.params(), schema, environment),
            rule.threshold()));
      } else {
        replays.add(new RunningViolation(StepFraction.ofNotTrue(schema.index(exprColumn(i))), rule.threshold()));
      }
    }
    int stepField = schema.stepIndex();
    Iterator<Row> it = projected.toLocalIterator();
    while (it.hasNext()) {
      Row step = it.next();
      long index = step.isNullAt(stepField) ? -1 : ((Number) step.get(stepField)).longValue();
      for (RunningViolation r : replays) {
        r.accept(index, step);
      }
    }
    List<RuleSpans> out = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      String name = rules.get(i).name();
      String severity = verdicts.stream().filter(v -> v.rule().equals(name)).map(RuleVerdict::severity).findFirst()
          .orElse(rules.get(i).severity().yamlName());
      out.add(new RuleSpans(name, severity, COLOURS[i % COLOURS.length], replays.get(i).spans(),
          replays.get(i).dropped()));
    }
    return out;
  }

  private static String exprColumn(int i) {
    return "__view_expr_" + i;
  }
}
