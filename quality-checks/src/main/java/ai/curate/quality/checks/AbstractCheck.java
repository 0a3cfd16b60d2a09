package ai.curate.quality.checks;

import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import ai.curate.quality.rules.Scope;
import ai.curate.quality.rules.Threshold;
import java.util.List;
import java.util.Set;

/**
 * A built-in check whose metadata is its {@link CheckSpec}, given once to the constructor, so each check states
 * only its logic (a {@link SequenceMetric} or a Spark column) on top.
 */
public abstract class AbstractCheck implements BuiltinCheck {
  private static final long serialVersionUID = 1L;

  private final CheckSpec spec;

  protected AbstractCheck(CheckSpec spec) {
    this.spec = spec;
  }

  protected AbstractCheck(CheckSpec.Builder spec) {
    this(spec.build());
  }

  public final CheckSpec spec() {
    return spec;
  }

  @Override
  public final String name() {
    return spec.name();
  }

  @Override
  public final Scope scope() {
    return spec.scope();
  }

  @Override
  public final Set<EntityType> entityTypes() {
    return spec.entityTypes();
  }

  @Override
  public final List<ParamSpec> params() {
    return spec.params();
  }

  @Override
  public final String summary() {
    return spec.summary();
  }

  @Override
  public final String measures(Params params) {
    return spec.measures().apply(params);
  }

  @Override
  public final Threshold threshold(Params params) {
    return spec.threshold().apply(params);
  }

  @Override
  public final List<String> inputColumns(Params params) {
    return spec.inputColumns().apply(params);
  }

  @Override
  public final boolean needsJointLimits(Params params) {
    return spec.needsJointLimits();
  }

  @Override
  public String toString() {
    return spec.name();
  }
}
