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

/**
 * {@link StreamGaps} for one camera: a step has the camera when {@code camera_frame_index} holds a frame for it.
 * {@code camera_frame_drops} counts dropped frames over the whole episode, so a run of them in a long episode stays
 * under its fraction; this names the run. A camera without a frame at any step holds vacuously (a robot without
 * it; mind the spelling of the name). The grid camera has a frame at every step by construction: its holes are
 * {@code timestamp_gaps}.
 */
public final class CameraGaps extends AbstractCheck implements TimestepCheck {
  private static final long serialVersionUID = 1L;

  static final String FRAME_INDEX = "camera_frame_index";

  public CameraGaps() {
    super(CheckSpec.timestep("camera_gaps", EntityType.EPISODE)
        .params(ParamSpec.string("camera", "camera name, a key of camera_frame_index"), StreamGaps.nominalHz(),
            StreamGaps.maxPeriods())
        .summary("longest hole of a camera on the grid: time between the steps with its frame around steps without "
            + "one (ms)")
        .measures(p -> "longest camera " + p.string("camera") + " gap (ms)")
        .threshold(StreamGaps::periodsThreshold)
        .inputs(FRAME_INDEX));
  }

  @Override
  public SequenceMetric newMetric(Params params, StepSchema schema, CheckEnvironment environment) {
    String camera = params.string("camera");
    int field = schema.index(FRAME_INDEX);
    return new HoleMetric(schema, "camera " + camera, step -> StepValues.mapGet(step, field, camera) != null);
  }
}
