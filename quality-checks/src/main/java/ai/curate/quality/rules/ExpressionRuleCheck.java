package ai.curate.quality.rules;

/**
 * A Spark SQL boolean expression that must hold. At {@code timestep} scope it is evaluated per step and the rule's
 * value is the fraction of steps where it does not hold (null counts as not holding), compared with
 * {@code maxFraction}. At entity scope it is evaluated per entity; the value is {@code valueExpression} when given
 * (any numeric SQL expression, for the score column), else 1.0 when the expression holds and 0.0 when not.
 */
public record ExpressionRuleCheck(String expression, String valueExpression, double maxFraction)
    implements
      RuleCheck {

  /** The threshold of a timestep expression rule: at most this fraction of steps may violate. */
  public Threshold stepThreshold() {
    return Threshold.atMost(maxFraction);
  }

  @Override
  public String measures() {
    return valueExpression != null ? valueExpression : expression;
  }
}
