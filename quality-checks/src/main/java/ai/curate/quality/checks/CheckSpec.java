package ai.curate.quality.checks;

import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import ai.curate.quality.rules.Scope;
import ai.curate.quality.rules.Threshold;
import java.io.Serializable;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Everything a built-in check states about itself, given once to {@link AbstractCheck}'s constructor (the way each
 * Deequ analyzer declares what it measures and which columns it needs): its name, scope and rule files, parameters
 * and summary, plus how the rule's parameters turn into what it measures, its threshold, the input columns the
 * evaluator must find, and whether it needs joint limits. Built with {@link #timestep} or {@link #entity}; the
 * parameter-dependent parts are serializable functions, since checks travel to executors.
 */
public record CheckSpec(String name, Scope scope, Set<EntityType> entityTypes, List<ParamSpec> params,
    String summary, ParamFunction<String> measures, ParamFunction<Threshold> threshold,
    ParamFunction<List<String>> inputColumns, boolean needsJointLimits) implements Serializable {

  /** A function of the rule's parameters that can travel to executors with its check. */
  @FunctionalInterface
  public interface ParamFunction<T> extends Function<Params, T>, Serializable {}

  public CheckSpec {
    entityTypes = Set.copyOf(entityTypes);
    params = List.copyOf(params);
  }

  /** A check computed over an entity's steps (a {@link TimestepCheck}). */
  public static Builder timestep(String name, EntityType first, EntityType... rest) {
    return new Builder(name, Scope.TIMESTEP, EnumSet.of(first, rest));
  }

  /** A timestep check every rule file may use. */
  public static Builder timestepForAll(String name) {
    return new Builder(name, Scope.TIMESTEP, EnumSet.allOf(EntityType.class));
  }

  /** A check over the entity row of {@code entity} (an {@link EntityCheck}). */
  public static Builder entity(String name, EntityType entity) {
    return new Builder(name, entity.entityScope(), EnumSet.of(entity));
  }

  /** Collects the parts of a spec; {@link #build()} requires the summary, measures, threshold and inputs. */
  public static final class Builder {
    private final String name;
    private final Scope scope;
    private final Set<EntityType> entityTypes;
    private List<ParamSpec> params = List.of();
    private String summary;
    private ParamFunction<String> measures;
    private ParamFunction<Threshold> threshold;
    private ParamFunction<List<String>> inputColumns;
    private boolean needsJointLimits;

    private Builder(String name, Scope scope, Set<EntityType> entityTypes) {
      this.name = name;
      this.scope = scope;
      this.entityTypes = entityTypes;
    }

    public Builder params(ParamSpec... specs) {
      this.params = List.of(specs);
      return this;
    }

    /** One-line description for the docs. */
    public Builder summary(String text) {
      this.summary = text;
      return this;
    }

    /** What the value measures, the same for every rule. */
    public Builder measures(String text) {
      return measures(p -> text);
    }

    /** What the value measures, from the rule's parameters (e.g. naming the column it watches). */
    public Builder measures(ParamFunction<String> text) {
      this.measures = text;
      return this;
    }

    public Builder threshold(ParamFunction<Threshold> bound) {
      this.threshold = bound;
      return this;
    }

    /** The value must be at most the number parameter {@code param}. */
    public Builder atMost(String param) {
      return threshold(p -> Threshold.atMost(p.number(param)));
    }

    /** The value must be at least the number parameter {@code param}. */
    public Builder atLeast(String param) {
      return threshold(p -> Threshold.atLeast(p.number(param)));
    }

    /** Fixed input columns. */
    public Builder inputs(String... columns) {
      List<String> fixed = List.of(columns);
      return inputs(p -> fixed);
    }

    /** Input columns named by the rule's parameters. */
    public Builder inputs(ParamFunction<List<String>> columns) {
      this.inputColumns = columns;
      return this;
    }

    /** The single input column named by the string parameter {@code param}. */
    public Builder inputFromParam(String param) {
      return inputs(p -> List.of(p.string(param)));
    }

    /** The check reads {@link ai.curate.quality.JointLimits} from the evaluator. */
    public Builder needsJointLimits() {
      this.needsJointLimits = true;
      return this;
    }

    public CheckSpec build() {
      if (summary == null || measures == null || threshold == null || inputColumns == null) {
        throw new IllegalStateException("check " + name + " must state its summary, measures, threshold and inputs");
      }
      return new CheckSpec(name, scope, entityTypes, params, summary, measures, threshold, inputColumns,
          needsJointLimits);
    }
  }
}
