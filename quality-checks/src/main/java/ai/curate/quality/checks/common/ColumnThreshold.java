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

/**
 * One numeric column of the entity row compared with a bound: the shape of the video checks over the clip's
 * bronze metrics (brightness, sharpness, frozen-frame fraction). The column is a parameter with a default, so the
 * same check fits whatever the entity Dataset calls it.
 */
public final class ColumnThreshold extends AbstractCheck implements EntityCheck {
  private static final long serialVersionUID = 1L;

  private ColumnThreshold(String name, EntityType entity, String defaultColumn, String boundParam, boolean atLeast,
      String what, double maxBound) {
    super(CheckSpec.entity(name, entity)
        .params(ParamSpec.number(boundParam, (atLeast ? "smallest" : "largest") + " allowed " + what).min(0)
            .max(maxBound),
            ParamSpec.string("column", "entity column holding the " + what).optional(defaultColumn))
        .summary(what + (atLeast ? " must be at least " : " must be at most ") + boundParam)
        .measures(what)
        .threshold(p -> atLeast ? Threshold.atLeast(p.number(boundParam)) : Threshold.atMost(p.number(boundParam)))
        .inputFromParam("column"));
  }

  /** Darkness: the mean luma (0-255, higher is brighter) of the clip's frames. */
  public static ColumnThreshold darkness() {
    return new ColumnThreshold("video_darkness", EntityType.CLIP, "mean_brightness", "min_brightness", true,
        "mean brightness (luma 0-255)", 255);
  }

  /** Blur: the mean sharpness (variance of the Laplacian at a fixed size, higher is sharper). */
  public static ColumnThreshold blur() {
    return new ColumnThreshold("video_blur", EntityType.CLIP, "mean_sharpness", "min_sharpness", true,
        "mean sharpness (variance of the Laplacian)", Double.POSITIVE_INFINITY);
  }

  /** Frozen video: the fraction of frames identical to their predecessor. */
  public static ColumnThreshold frozenVideo() {
    return new ColumnThreshold("video_frozen", EntityType.CLIP, "frozen_frame_fraction", "max_fraction", false,
        "fraction of frozen frames", 1);
  }

  @Override
  public Column value(Params params) {
    return col(params.string("column")).cast("double");
  }
}
