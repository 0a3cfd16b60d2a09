package ai.curate.quality.eval;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;

import ai.curate.quality.QualityRuleException;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.BuiltinRuleCheck;
import ai.curate.quality.rules.ExpressionRuleCheck;
import ai.curate.quality.rules.Rule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * All timestep rules of a rule set in one aggregation: project the columns the rules read (expr rules become one
 * boolean column each, evaluated by Spark), shuffle once by entity (its whole identity, {@link Evaluation#key}),
 * sort each entity's steps by step_index (Spark's external sort, so long episodes spill instead of filling the heap)
 * and stream them through {@link SequencePass}. Output: one row per entity with steps.
 */
final class TimestepPass {
  private TimestepPass() {}

  static Dataset<Row> aggregate(Dataset<Row> timesteps, List<Rule> rules, Column key, CheckEnvironment environment) {
    Set<String> columns = new LinkedHashSet<>(List.of(StepSchema.STEP_INDEX, StepSchema.TS_NS));
    List<Column> expressions = new ArrayList<>();
    List<MetricFactory> factories = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Rule rule = rules.get(i);
      if (rule.check() instanceof BuiltinRuleCheck b) {
        columns.addAll(b.check().inputColumns(b.params()));
        factories.add(new MetricFactory.Builtin(rule.name(), (TimestepCheck) b.check(), b.params()));
      } else {
        ExpressionRuleCheck e = (ExpressionRuleCheck) rule.check();
        String name = InternalColumns.PerRule.STEP_EXPRESSION.of(i);
        expressions.add(booleanExpression(timesteps, rule, e.expression()).as(name));
        factories.add(new MetricFactory.Expression(rule.name(), name));
      }
    }
    List<Column> projection = new ArrayList<>(List.of(key.as(InternalColumns.KEY)));
    columns.forEach(c -> projection.add(col(c)));
    projection.addAll(expressions);
    Dataset<Row> steps = timesteps.select(projection.toArray(new Column[0]));

    StructType out = new StructType()
        .add(InternalColumns.KEY, DataTypes.StringType, false)
        .add(InternalColumns.STEP_COUNT, DataTypes.LongType, false)
        .add(InternalColumns.FIRST_TS_NS, DataTypes.LongType, true)
        .add(InternalColumns.LAST_TS_NS, DataTypes.LongType, true);
    for (int i = 0; i < rules.size(); i++) {
      out = out.add(InternalColumns.PerRule.STEP_VALUE.of(i), DataTypes.DoubleType, true)
          .add(InternalColumns.PerRule.STEP_DETAIL.of(i), DataTypes.StringType, true)
          .add(InternalColumns.PerRule.STEP_VACUOUS.of(i), DataTypes.BooleanType, false);
    }
    SequencePass pass = new SequencePass(factories, new StepSchema(steps.schema()), environment);
    return steps.groupBy(col(InternalColumns.KEY))
        .as(Encoders.STRING(), Encoders.row(steps.schema()))
        .flatMapSortedGroups(new Column[] {col(StepSchema.STEP_INDEX), col(StepSchema.TS_NS)}, pass,
            Encoders.row(out));
  }

  /** The expression as a boolean column, or an error naming the rule when it does not resolve or is not boolean. */
  static Column booleanExpression(Dataset<Row> data, Rule rule, String sql) {
    Resolved r = resolve(data, rule, "expr", sql);
    if (!r.type().equals(DataTypes.BooleanType)) {
      throw new QualityRuleException("rule '" + rule.name() + "': key 'expr': '" + sql + "' is of type "
          + r.type().simpleString() + ", not boolean; write a condition that must hold, e.g. 'nan_count = 0'");
    }
    return r.column();
  }

  /** A numeric value expression as a double column, or an error naming the rule. */
  static Column numericExpression(Dataset<Row> data, Rule rule, String sql) {
    Resolved r = resolve(data, rule, "value", sql);
    if (!(r.type() instanceof org.apache.spark.sql.types.NumericType) && !r.type().equals(DataTypes.BooleanType)) {
      throw new QualityRuleException("rule '" + rule.name() + "': key 'value': '" + sql + "' is of type "
          + r.type().simpleString() + "; the value must be numeric");
    }
    return r.column().cast("double");
  }

  /** A rule's SQL expression as a column, with its type on the data it is evaluated on. */
  private record Resolved(Column column, DataType type) {}

  /** Rule key {@code key}'s expression {@code sql} resolved on {@code data}, or an error naming the rule. */
  private static Resolved resolve(Dataset<Row> data, Rule rule, String key, String sql) {
    try {
      Column c = expr(sql);
      return new Resolved(c, data.select(c).schema().fields()[0].dataType());
    } catch (Exception e) {
      throw new QualityRuleException("rule '" + rule.name() + "': key '" + key + "': '" + sql
          + "' does not work on the " + rule.scope().yamlName() + " data: " + analysisProblem(e)
          + "; available columns: " + String.join(", ", data.columns()));
    }
  }

  /**
   * The first line of Spark's analysis or parse error. Spark's Scala code throws these undeclared, so they are
   * caught as Exception; anything else is a bug and propagates unchanged.
   */
  private static String analysisProblem(Exception e) {
    if (!(e instanceof AnalysisException)) {
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    return firstLine(e.getMessage());
  }

  static String firstLine(String message) {
    if (message == null) {
      return "cannot be resolved";
    }
    String s = message.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl).strip();
  }
}
