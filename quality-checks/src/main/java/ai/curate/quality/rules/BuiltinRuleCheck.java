package ai.curate.quality.rules;

import ai.curate.quality.checks.BuiltinCheck;

/** A built-in check with its validated parameters. */
public record BuiltinRuleCheck(BuiltinCheck check, Params params) implements RuleCheck {
  public Threshold threshold() {
    return check.threshold(params);
  }

  @Override
  public String measures() {
    return check.measures(params);
  }
}
