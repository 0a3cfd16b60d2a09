package ai.curate.quality.eval;

import ai.curate.quality.QualityRuleException;
import ai.curate.quality.checks.BuiltinCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.rules.BuiltinRuleCheck;
import ai.curate.quality.rules.Rule;
import ai.curate.quality.rules.RuleSet;
import ai.curate.quality.rules.Scope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.IntegralType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Checks, before any job runs, that the inputs have what the rules read: the entity's key columns (its whole
 * identity, e.g. robot_id, session_id and episode_id), step columns, each built-in
 * check's columns, joint limits where needed. Every problem names the rule and the missing piece.
 */
final class InputCheck {
  private InputCheck() {}

  static void check(RuleSet rules, StructType entities, StructType timesteps, CheckEnvironment environment) {
    List<String> keys = rules.entityType().keyColumns();
    String entity = rules.entityType().yamlName();
    List<String> problems = new ArrayList<>();

    for (String key : keys) {
      requireString(entities, key, "the " + entity + " Dataset", problems);
    }
    for (String name : entities.fieldNames()) {
      if (InternalColumns.STEP_SUMMARY.contains(name) || name.startsWith(InternalColumns.PREFIX)) {
        problems.add("the " + entity + " Dataset has a column '" + name + "', a name the evaluator reserves for "
            + "its own columns; rename it");
      }
    }
    List<Rule> stepRules = rules.rules(Scope.TIMESTEP);
    if (timesteps == null) {
      if (!stepRules.isEmpty()) {
        problems.add("rules " + stepRules.stream().map(Rule::name).toList() + " have scope timestep but no "
            + "timesteps Dataset was given");
      }
    } else {
      for (String key : keys) {
        requireString(timesteps, key, "the timesteps", problems);
      }
      requireIntegral(timesteps, StepSchema.STEP_INDEX, problems);
      requireIntegral(timesteps, StepSchema.TS_NS, problems);
    }

    Set<String> entityColumns = new HashSet<>(Arrays.asList(entities.fieldNames()));
    if (timesteps != null) {
      entityColumns.addAll(InternalColumns.STEP_SUMMARY);
    }
    Set<String> stepColumns = timesteps == null ? Set.of() : new HashSet<>(Arrays.asList(timesteps.fieldNames()));
    for (Rule rule : rules.rules()) {
      if (!(rule.check() instanceof BuiltinRuleCheck b)) {
        continue;
      }
      BuiltinCheck check = b.check();
      boolean stepScope = rule.scope() == Scope.TIMESTEP;
      if (stepScope && timesteps == null) {
        continue;
      }
      Set<String> available = stepScope ? stepColumns : entityColumns;
      for (String column : check.inputColumns(b.params())) {
        if (!available.contains(column)) {
          problems.add("rule '" + rule.name() + "' (check " + check.name() + "): the "
              + (stepScope ? "timesteps have" : entity + " Dataset has") + " no column '" + column + "'"
              + (b.params().has("column") || check.params().stream().anyMatch(p -> p.name().endsWith("column"))
                  ? " (name another column in params)"
                  : "")
              + "; columns: " + String.join(", ", stepScope ? timesteps.fieldNames() : entities.fieldNames()));
        }
      }
      if (check.needsJointLimits(b.params())) {
        if (environment.jointLimits() == null) {
          problems.add("rule '" + rule.name() + "' (check " + check.name() + ") needs joint limits: build the "
              + "QualityEvaluator with JointLimits read from the robot's URDF");
        } else if (check.name().equals("joint_velocity_limits") && !environment.jointLimits().hasVelocityLimits()) {
          problems.add("rule '" + rule.name() + "' (check joint_velocity_limits) needs velocity limits, but the "
              + "JointLimits given have none");
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new QualityRuleException("quality rules " + rules.source(), problems);
    }
  }

  private static void requireString(StructType schema, String column, String where, List<String> problems) {
    StructField f = field(schema, column);
    if (f == null) {
      problems.add(where + " have no key column '" + column + "'; columns: " + String.join(", ", schema.fieldNames()));
    } else if (!f.dataType().equals(DataTypes.StringType)) {
      problems.add(where + ": key column '" + column + "' is " + f.dataType().simpleString() + ", not string");
    }
  }

  private static void requireIntegral(StructType schema, String column, List<String> problems) {
    StructField f = field(schema, column);
    if (f == null) {
      problems.add("the timesteps have no column '" + column + "'; columns: "
          + String.join(", ", schema.fieldNames()));
    } else if (!(f.dataType() instanceof IntegralType)) {
      problems.add("the timesteps' column '" + column + "' is " + f.dataType().simpleString()
          + ", not an integer type");
    }
  }

  private static StructField field(StructType schema, String name) {
    for (StructField f : schema.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    return null;
  }
}
