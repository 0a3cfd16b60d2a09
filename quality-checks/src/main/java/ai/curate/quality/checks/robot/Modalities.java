package ai.curate.quality.checks.robot;

import java.util.List;

/** The per-modality validity and staleness columns of silver.robot_timesteps (docs/tables.md). */
public final class Modalities {
  private Modalities() {}

  /** Aligned streams: each has {@code <name>_valid} and {@code <name>_staleness_ns}. */
  public static final List<String> STREAMS = List.of("joint_state", "action", "wrench_left", "wrench_right",
      "tactile_left", "tactile_right");

  /** Everything with a {@code <name>_valid} column: the streams plus the cameras. */
  public static final List<String> WITH_VALIDITY = List.of("joint_state", "action", "wrench_left", "wrench_right",
      "tactile_left", "tactile_right", "cameras");

  public static String validColumn(String modality) {
    return modality + "_valid";
  }

  public static String stalenessColumn(String stream) {
    return stream + "_staleness_ns";
  }
}
