package ai.curate.quality.eval;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.when;

import ai.curate.quality.EvaluatedRule;
import ai.curate.quality.checks.EntityCheck;
import ai.curate.quality.rules.BuiltinRuleCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ExpressionRuleCheck;
import ai.curate.quality.rules.Rule;
import ai.curate.quality.rules.Scope;
import ai.curate.quality.rules.Severity;
import ai.curate.quality.rules.Threshold;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** One rule's outcome as columns over the joined entity row: value, passed, and the message when it fails. */
record RuleColumns(EvaluatedRule rule, Column value, Column passed, Column message) {

  static final String STRUCTURE_TAG = "structure";

  /** A rule from the file. {@code stepIndex} is its position among the timestep rules (timestep scope only). */
  static RuleColumns of(Rule rule, int stepIndex, Dataset<Row> joined) {
    EvaluatedRule meta = new EvaluatedRule(rule.name(), rule.severity(), rule.tags(), rule.thresholdText(),
        rule.measures(), rule.failFraction(), false);
    if (rule.scope() == Scope.TIMESTEP) {
      Column value = col(InternalColumns.PerRule.STEP_VALUE.of(stepIndex));
      Column vacuous = coalesce(col(InternalColumns.PerRule.STEP_VACUOUS.of(stepIndex)), lit(false));
      return numeric(meta, value, rule.threshold(), col(InternalColumns.PerRule.STEP_DETAIL.of(stepIndex)), vacuous);
    }
    if (rule.check() instanceof BuiltinRuleCheck b) {
      EntityCheck check = (EntityCheck) b.check();
      return numeric(meta, check.value(b.params()).cast("double"), b.threshold(), check.detail(b.params()));
    }
    ExpressionRuleCheck e = (ExpressionRuleCheck) rule.check();
    Column holds = TimestepPass.booleanExpression(joined, rule, e.expression());
    Column value = e.valueExpression() != null
        ? TimestepPass.numericExpression(joined, rule, e.valueExpression())
        : when(holds, lit(1.0)).when(not(holds), lit(0.0));
    Column passed = coalesce(holds, lit(false));
    Column message = when(not(passed), concat_ws("; ",
        when(holds.isNull(), lit("unknown (null): " + e.expression())).otherwise(lit("does not hold: "
            + e.expression())),
        e.valueExpression() == null
            ? lit(null).cast("string")
            : concat(lit(e.valueExpression() + " = "), text(value))));
    return new RuleColumns(meta, value, passed, message);
  }

  /** {@code has_entity_record}: timesteps whose entity has no row in the entity Dataset are held back. */
  static RuleColumns hasEntityRecord(EntityType entity) {
    Threshold t = Threshold.atLeast(1);
    EvaluatedRule meta = new EvaluatedRule("has_entity_record", Severity.QUARANTINE, List.of(STRUCTURE_TAG),
        t.text(), entity.yamlName() + " record present", 0.0, true);
    Column present = coalesce(col(InternalColumns.HAS_RECORD), lit(false));
    return numeric(meta, when(present, lit(1.0)).otherwise(lit(0.0)), t,
        lit("timesteps without a row in the " + entity.yamlName() + " Dataset"));
  }

  /** {@code has_timesteps}: an entity without any step has nothing to train on. */
  static RuleColumns hasTimesteps() {
    Threshold t = Threshold.atLeast(1);
    EvaluatedRule meta = new EvaluatedRule("has_timesteps", Severity.QUARANTINE, List.of(STRUCTURE_TAG), t.text(),
        "number of timesteps", 0.0, true);
    return numeric(meta, coalesce(col(InternalColumns.STEP_COUNT), lit(0L)).cast("double"), t,
        lit("no timesteps"));
  }

  private static RuleColumns numeric(EvaluatedRule meta, Column value, Threshold threshold, Column detail) {
    return numeric(meta, value, threshold, detail, lit(false));
  }

  /** {@code vacuous}: the rule had nothing to judge and holds with a null value (see SequenceMetric#vacuous). */
  private static RuleColumns numeric(EvaluatedRule meta, Column value, Threshold threshold, Column detail,
      Column vacuous) {
    Column passed = holds(threshold, value).or(vacuous);
    Column base = when(value.isNull(), lit("no value")).otherwise(
        concat(lit(meta.measures() + " = "), text(value), lit(", required " + threshold.text())));
    return new RuleColumns(meta, value, passed, when(not(passed), concat_ws("; ", base, detail)));
  }

  /** The threshold as a never-null boolean column; null and NaN values do not pass. */
  static Column holds(Threshold t, Column v) {
    Column c = switch (t.comparison()) {
      case AT_MOST -> v.leq(t.bound());
      case AT_LEAST -> v.geq(t.bound());
      case BELOW -> v.lt(t.bound());
      case ABOVE -> v.gt(t.bound());
      case BETWEEN -> v.geq(t.bound()).and(v.leq(t.upperBound()));
    };
    // Spark orders NaN above every number, so NaN >= x would pass without the explicit test.
    return coalesce(v.isNotNull().and(not(isnan(v))).and(c), lit(false));
  }

  /** A value as short text: 45 not 45.0, 0.333333 not 0.3333333333333333. */
  private static Column text(Column v) {
    return when(v.equalTo(round(v, 0)).and(v.lt(1e15)).and(v.gt(-1e15)), v.cast("long").cast("string"))
        .otherwise(round(v, 6).cast("string"));
  }
}
