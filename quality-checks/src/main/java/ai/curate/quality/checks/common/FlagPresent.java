package ai.curate.quality.checks.common;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.EntityCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import ai.curate.quality.rules.Threshold;
import org.apache.spark.sql.Column;

/** A yes/no property of the entity row. Value: 1.0 when it holds, else 0.0 (never null: absence is the finding). */
public final class FlagPresent extends AbstractCheck implements EntityCheck {
  private static final long serialVersionUID = 1L;

  private final boolean mustBeTrue;

  private FlagPresent(String name, EntityType entity, String defaultColumn, boolean mustBeTrue, String what) {
    super(CheckSpec.entity(name, entity)
        .params(ParamSpec.string("column", "entity column").optional(defaultColumn))
        .summary(what)
        .measures(what)
        .threshold(p -> Threshold.atLeast(1))
        .inputFromParam("column"));
    this.mustBeTrue = mustBeTrue;
  }

  /** A robot episode must carry its success label (true or false, not null). */
  public static FlagPresent successLabel() {
    return new FlagPresent("success_label", EntityType.EPISODE, "success", false, "success label present");
  }

  /** A human clip must have consent recorded as true. */
  public static FlagPresent consent() {
    return new FlagPresent("consent", EntityType.CLIP, "consent", true, "consent recorded as true");
  }

  @Override
  public Column value(Params params) {
    Column c = col(params.string("column"));
    Column holds = mustBeTrue ? c.cast("boolean").eqNullSafe(lit(true)) : c.isNotNull();
    return when(holds, lit(1.0)).otherwise(lit(0.0));
  }
}
