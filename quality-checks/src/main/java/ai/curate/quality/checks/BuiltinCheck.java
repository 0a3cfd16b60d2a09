package ai.curate.quality.checks;

import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import ai.curate.quality.rules.Scope;
import ai.curate.quality.rules.Threshold;
import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * A check a rule can name with {@code check:}. Pure semantics (parameters, threshold, the columns read) live here;
 * how the value is computed lives in {@link TimestepCheck} (a streaming per-entity metric) or {@link EntityCheck}
 * (a Spark column over the entity row). Implementations are stateless singletons and travel to executors.
 */
public interface BuiltinCheck extends Serializable {
  /** The name used in {@code check:}. */
  String name();

  /** The scope it runs at: {@code timestep}, or the entity scope of its entity type. */
  Scope scope();

  /** The rule files that may use it. */
  Set<EntityType> entityTypes();

  List<ParamSpec> params();

  /** What the value measures, e.g. "largest interval between steps (ms)". */
  String measures(Params params);

  /** The pass condition for the value. */
  Threshold threshold(Params params);

  /** The columns of its input (timesteps, or the entity row) it reads; the evaluator checks they exist. */
  List<String> inputColumns(Params params);

  /** True when it needs {@link ai.curate.quality.JointLimits} from the evaluator. */
  default boolean needsJointLimits(Params params) {
    return false;
  }

  /** One-line description for the docs. */
  String summary();
}
