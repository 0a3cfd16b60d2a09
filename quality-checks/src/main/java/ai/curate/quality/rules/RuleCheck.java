package ai.curate.quality.rules;

/** What a rule tests: a built-in check with parameters, or a Spark SQL boolean expression that must hold. */
public sealed interface RuleCheck permits BuiltinRuleCheck, ExpressionRuleCheck {
  /** A short phrase for messages: what the rule's value measures. */
  String measures();
}
