package ai.curate.quality.checks;

import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Scope;
import java.util.List;
import java.util.Set;

/** Name, scope, entity types, parameters and summary of a built-in check, so each check states only its logic. */
public abstract class AbstractCheck implements BuiltinCheck {
  private static final long serialVersionUID = 1L;

  private final String name;
  private final Scope scope;
  private final Set<EntityType> entityTypes;
  private final List<ParamSpec> params;
  private final String summary;

  protected AbstractCheck(String name, Scope scope, Set<EntityType> entityTypes, List<ParamSpec> params,
                          String summary) {
    this.name = name;
    this.scope = scope;
    this.entityTypes = Set.copyOf(entityTypes);
    this.params = List.copyOf(params);
    this.summary = summary;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Scope scope() {
    return scope;
  }

  @Override
  public final Set<EntityType> entityTypes() {
    return entityTypes;
  }

  @Override
  public final List<ParamSpec> params() {
    return params;
  }

  @Override
  public final String summary() {
    return summary;
  }

  @Override
  public String toString() {
    return name;
  }
}
