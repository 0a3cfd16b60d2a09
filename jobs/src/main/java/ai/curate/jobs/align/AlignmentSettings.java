package ai.curate.jobs.align;

import ai.curate.transforms.align.RobotTimesteps;
import ai.curate.transforms.align.RobotSamples;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.transforms.align.AlignmentConfig;
import ai.curate.transforms.align.StreamPolicy;
import java.util.Map;

/** Turns the typed {@code align} config section into the transform's {@link AlignmentConfig}. */
public final class AlignmentSettings {
  private AlignmentSettings() {}

  /** Which config kind each logical stream falls under. */
  static final Map<String, String> KIND_OF_STREAM = Map.of(
      "joint_position", "joint_state", "joint_velocity", "joint_state", "joint_effort", "joint_state",
      "action", "joint_command",
      "wrench_left", "wrench", "wrench_right", "wrench",
      "tactile_left", "tactile", "tactile_right", "tactile");

  /**
   * @param cameraFps camera name -> frame rate (nearest frame within half a frame period)
   */
  public static AlignmentConfig from(CurateConfig.AlignConfig align, Map<String, Double> cameraFps) {
    AlignmentConfig.Builder b = AlignmentConfig.builder()
        .bucketNs(Math.round(align.bucketSeconds() * 1e9));
    for (String stream : RobotTimesteps.SIGNAL_STREAMS) {
      CurateConfig.PolicyConfig p = align.policies().getOrDefault(stream,
          align.policies().get(KIND_OF_STREAM.get(stream)));
      if (p == null) {
        throw CurateErrors.badConfigValue("align.policies." + KIND_OF_STREAM.get(stream),
            "no alignment policy for stream '" + stream + "' (set one for its kind or its name)");
      }
      b.stream(stream, policy(p));
    }
    cameraFps.forEach((camera, fps) -> b.camera(RobotSamples.CAMERA_PREFIX + camera, fps));
    return b.build();
  }

  static StreamPolicy policy(CurateConfig.PolicyConfig p) {
    long gap = Math.round(p.maxGapMs() * StreamPolicy.MILLIS);
    return switch (p.method()) {
      case "linear" -> StreamPolicy.linear(gap);
      case "previous" -> StreamPolicy.previous(gap);
      case "nearest" -> StreamPolicy.nearest(gap);
      case "window_mean" -> StreamPolicy.windowMean(gap);
      case "window_max" -> StreamPolicy.windowMax(gap);
      default -> throw CurateErrors.badConfigValue("align.policies", "unknown method '" + p.method() + "'");
    };
  }
}
