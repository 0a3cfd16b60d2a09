package ai.curate.quality.checks;

/** A check over an entity's steps, computed by a {@link SequenceMetric} in one sorted streaming pass. */
public interface TimestepCheck extends BuiltinCheck {
  SequenceMetric newMetric(ai.curate.quality.rules.Params params, StepSchema schema, CheckEnvironment environment);
}
