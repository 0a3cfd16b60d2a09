package ai.curate.quality.rules;

import ai.curate.quality.checks.BuiltinCheck;
import ai.curate.quality.checks.BuiltinChecks;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns one {@link RuleSpec} into a {@link Rule}, reporting every problem as "rule 'name': key 'k': what is wrong
 * and what to write instead". Pure Java; SQL syntax is checked through {@link SqlSyntax}.
 */
public record RuleValidator(EntityType entity, double fileFailFraction, SqlSyntax sql) {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  /** Rules the evaluator always adds (structure of the input); rule files may not reuse these names. */
  public static final Set<String> RESERVED_NAMES = Set.of("has_entity_record", "has_timesteps");

  private static final List<ParamSpec> TIMESTEP_EXPR_PARAMS = List.of(
      ParamSpec.number("max_fraction", "largest allowed fraction of steps where the expression does not hold")
          .min(0).max(1).optional(0.0));

  /** The rule, or empty when {@code problems} received at least one problem for it. */
  public Optional<Rule> validate(RuleSpec spec, String label, Problems problems) {
    Problems.ForRule p = problems.forRule(label);
    int before = problems.count();

    if (spec.name() == null || spec.name().isBlank()) {
      p.add("name", "missing; give the rule a name like 'joint_limits' (lower case, digits, underscores)");
    } else if (!NAME.matcher(spec.name()).matches()) {
      p.add("name", "'" + spec.name() + "' is not a valid name: use lower case letters, digits and underscores, "
          + "starting with a letter (it becomes the score column score_<name>)");
    } else if (RESERVED_NAMES.contains(spec.name())) {
      p.add("name", "'" + spec.name() + "' is reserved for a rule the evaluator always adds; choose another");
    }

    Scope scope = null;
    if (spec.scope() == null) {
      p.add("scope", "missing; use " + entity.entityScope().yamlName() + " or timestep");
    } else {
      scope = YamlNamed.fromYaml(Scope.class, spec.scope());
      if (scope == null) {
        p.add("scope", "'" + spec.scope() + "' is not a scope; use " + entity.entityScope().yamlName()
            + " or timestep");
      } else if (scope != Scope.TIMESTEP && scope != entity.entityScope()) {
        p.add("scope", "'" + spec.scope() + "' does not apply to " + entity.yamlName() + " rules; use "
            + entity.entityScope().yamlName() + " or timestep");
        scope = null;
      }
    }

    Severity severity = null;
    if (spec.severity() == null) {
      p.add("severity", "missing; use " + YamlNamed.yamlNames(Severity.class));
    } else {
      severity = YamlNamed.fromYaml(Severity.class, spec.severity());
      if (severity == null) {
        p.add("severity", "'" + spec.severity() + "' is not a severity; use " + YamlNamed.yamlNames(Severity.class));
      }
    }

    RuleCheck check = checkOf(spec, scope, p);

    List<String> tags = spec.tags() == null ? List.of() : spec.tags();
    if (tags.stream().anyMatch(t -> t == null || t.isBlank())) {
      p.add("tags", "tags must be non-empty strings");
    }

    double failFraction = fileFailFraction;
    if (spec.failFraction() != null) {
      if (severity != null && severity != Severity.FAIL) {
        p.add("fail_fraction", "applies only to severity fail; remove it or set severity: fail");
      } else if (!(spec.failFraction() >= 0 && spec.failFraction() <= 1)) {
        p.add("fail_fraction", "must be a fraction between 0 and 1, got " + spec.failFraction());
      } else {
        failFraction = spec.failFraction();
      }
    }

    AlertSpec alert = null;
    if (spec.alert() != null) {
      Params alertParams = Params.validate(AlertSpec.KEYS, spec.alert(), (key, msg) -> p.add("alert." + key, msg));
      if (problems.count() == before) {
        alert = AlertSpec.of(alertParams);
      }
    }

    if (problems.count() > before) {
      return Optional.empty();
    }
    return Optional.of(new Rule(spec.name(), blankToNull(spec.description()), scope, check, severity, tags,
        failFraction, alert));
  }

  private RuleCheck checkOf(RuleSpec spec, Scope scope, Problems.ForRule p) {
    boolean hasCheck = spec.check() != null;
    boolean hasExpr = spec.expr() != null;
    if (hasCheck && hasExpr) {
      p.add("check", "give either a built-in 'check' or an 'expr', not both");
      return null;
    }
    if (!hasCheck && !hasExpr) {
      p.add("check", "missing; name a built-in check (" + String.join(", ", BuiltinChecks.namesFor(entity))
          + ") or give an 'expr' (a Spark SQL boolean expression that must hold)");
      return null;
    }
    return hasCheck ? builtin(spec, scope, p) : expression(spec, scope, p);
  }

  private RuleCheck builtin(RuleSpec spec, Scope scope, Problems.ForRule p) {
    Optional<BuiltinCheck> found = BuiltinChecks.find(spec.check());
    if (found.isEmpty()) {
      p.add("check", "unknown built-in check '" + spec.check() + "'; for " + entity.yamlName() + " rules use one of "
          + String.join(", ", BuiltinChecks.namesFor(entity)) + ", or write an 'expr'");
      return null;
    }
    BuiltinCheck check = found.get();
    if (!check.entityTypes().contains(entity)) {
      p.add("check", "'" + check.name() + "' checks " + check.entityTypes().iterator().next().yamlName()
          + "s, not " + entity.yamlName() + "s; for " + entity.yamlName() + " rules use one of "
          + String.join(", ", BuiltinChecks.namesFor(entity)));
      return null;
    }
    if (scope != null && check.scope() != scope) {
      p.add("scope", "check '" + check.name() + "' runs at scope " + check.scope().yamlName() + ", not "
          + scope.yamlName());
    }
    if (spec.value() != null) {
      p.add("value", "applies only to expr rules; a built-in check computes its own value");
    }
    Params params = Params.validate(check.params(), spec.params(), (key, msg) -> p.add("params." + key, msg));
    return new BuiltinRuleCheck(check, params);
  }

  private RuleCheck expression(RuleSpec spec, Scope scope, Problems.ForRule p) {
    String expr = spec.expr();
    if (expr.isBlank()) {
      p.add("expr", "empty; write a Spark SQL boolean expression that must hold, e.g. 'nan_count = 0'");
      return null;
    }
    String problem = sql.problem(expr);
    if (problem != null) {
      p.add("expr", "'" + expr + "' is not valid Spark SQL: " + problem);
    }
    String value = spec.value();
    if (value != null) {
      if (scope == Scope.TIMESTEP) {
        p.add("value", "applies only to " + entity.entityScope().yamlName()
            + " scope; a timestep expr's value is the fraction of steps where it does not hold");
      } else if (value.isBlank()) {
        p.add("value", "empty; write a numeric Spark SQL expression or remove the key");
      } else {
        String valueProblem = sql.problem(value);
        if (valueProblem != null) {
          p.add("value", "'" + value + "' is not valid Spark SQL: " + valueProblem);
        }
      }
    }
    double maxFraction = 0.0;
    if (scope == Scope.TIMESTEP) {
      Params params = Params.validate(TIMESTEP_EXPR_PARAMS, spec.params(), (k, m) -> p.add("params." + k, m));
      maxFraction = params.has("max_fraction") ? params.number("max_fraction") : 0.0;
    } else if (spec.params() != null && !spec.params().isEmpty()) {
      p.add("params", "an " + entity.entityScope().yamlName() + " expr takes no parameters; put the condition "
          + "in 'expr' (params.max_fraction applies to timestep exprs)");
    }
    return new ExpressionRuleCheck(expr, value, maxFraction);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
