package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepFraction;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import java.util.List;

/**
 * Coverage after alignment: the fraction of grid steps at which a modality has a value ({@code <modality>_valid}).
 * Low coverage means a stream was missing, gapped, NaN-ridden or on a wrong clock.
 */
public final class ModalityCoverage extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public ModalityCoverage() {
    super(CheckSpec.timestep("modality_coverage", EntityType.EPISODE)
        .params(ParamSpec.string("modality", "which modality").choices(Modalities.WITH_VALIDITY),
            ParamSpec.number("min_fraction", "smallest allowed fraction of valid steps").min(0).max(1))
        .summary("fraction of steps at which a modality is valid after alignment")
        .measures(p -> "fraction of steps with " + p.string("modality") + " valid")
        .atLeast("min_fraction").inputs(p -> List.of(Modalities.validColumn(p.string("modality")))));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    int field = schema.index(Modalities.validColumn(params.string("modality")));
    return StepFraction.ofTrue(field, " valid");
  }
}
