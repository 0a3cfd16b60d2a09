package ai.curate.quality.checks.common;

import static org.apache.spark.sql.functions.col;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.EntityCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import ai.curate.quality.rules.Threshold;
import org.apache.spark.sql.Column;

/** Duration bounds of an episode or clip, from its {@code duration_ns} column. Value: seconds. */
public final class DurationBounds extends AbstractCheck implements EntityCheck {
  private static final long serialVersionUID = 1L;

  private DurationBounds(String name, EntityType entity, boolean maxRequired, String summary) {
    super(CheckSpec.entity(name, entity)
        .params(ParamSpec.number("min_s", "shortest allowed duration").min(0),
            maxRequired
                ? ParamSpec.number("max_s", "longest allowed duration").min(0)
                : ParamSpec.number("max_s", "longest allowed duration").min(0).optional(null),
            ParamSpec.string("column", "entity column with the duration in ns").optional("duration_ns"))
        .summary(summary)
        .measures("duration (s)")
        .threshold(p -> p.has("max_s")
            ? Threshold.between(p.number("min_s"), p.number("max_s"))
            : Threshold.atLeast(p.number("min_s")))
        .inputFromParam("column"));
  }

  public static DurationBounds episode() {
    return new DurationBounds("episode_duration", EntityType.EPISODE, true,
        "episode duration (s) between min_s and max_s");
  }

  /** Too-short clips; {@code max_s} optional. */
  public static DurationBounds clip() {
    return new DurationBounds("clip_duration", EntityType.CLIP, false, "clip duration (s) at least min_s");
  }

  @Override
  public Column value(Params params) {
    return col(params.string("column")).cast("double").divide(1e9);
  }
}
