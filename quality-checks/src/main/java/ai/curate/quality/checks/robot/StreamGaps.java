package ai.curate.quality.checks.robot;

import ai.curate.quality.checks.AbstractCheck;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.checks.CheckSpec;
import ai.curate.quality.checks.SequenceMetric;
import ai.curate.quality.checks.StepSchema;
import ai.curate.quality.checks.StepValues;
import ai.curate.quality.checks.TimestepCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.ParamSpec;
import ai.curate.quality.rules.Params;
import ai.curate.quality.rules.Threshold;
import java.util.List;

/**
 * A dropout of one aligned stream inside an episode: the longest {@link StreamHoles hole} of
 * {@code <modality>_valid} on the grid, in ms, allowed up to {@code max_periods} of the stream's nominal period.
 * Coverage and staleness average a short dropout away over a long episode; this names it, with its steps and time.
 * A rule holds one severity, so a rule file pairs a warning at a short length with a quarantine at a longer one
 * (configs/quality/robot.yaml).
 */
public final class StreamGaps extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  public StreamGaps() {
    super(CheckSpec.timestep("stream_gaps", EntityType.EPISODE)
        .params(ParamSpec.string("modality", "which stream").choices(Modalities.STREAMS), nominalHz(),
            maxPeriods())
        .summary("longest hole of a stream on the grid: time between the steps with a value around steps without "
            + "one (ms)")
        .measures(p -> "longest " + p.string("modality") + " gap (ms)")
        .threshold(StreamGaps::periodsThreshold)
        .inputs(p -> List.of(Modalities.validColumn(p.string("modality")))));
  }

  /** The stream's nominal rate; the threshold is a multiple of its period. */
  static ParamSpec nominalHz() {
    return ParamSpec.number("nominal_hz", "the stream's nominal rate (the manifest's rate_hz or fps)").min(0.001);
  }

  static ParamSpec maxPeriods() {
    return ParamSpec.number("max_periods", "longest allowed gap, in nominal periods").min(0);
  }

  /** {@code max_periods} nominal periods, in ms (multiplied first, so 50 periods at 500 Hz are exactly 100). */
  static Threshold periodsThreshold(Params p) {
    return Threshold.atMost(p.number("max_periods") * 1000.0 / p.number("nominal_hz"));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    String stream = params.string("modality");
    int field = schema.index(Modalities.validColumn(stream));
    return new HoleMetric(schema, stream, step -> StepValues.isTrue(step, field));
  }
}
