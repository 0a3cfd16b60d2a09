package ai.curate.jobs.human.egodex;

import java.util.List;

/** What an EgoDex recording does not say and a clip.json would: fixed, documented choices (docs/raw-formats.md). */
public final class EgodexDefaults {
  private EgodexDefaults() {}

  /**
   * The head camera's pose in the head frame, row-major 4x4 (metres), so that the arms can be solved: the camera's
   * optical frame (x right, y down, z forward) in the head frame (x forward, y left, z up), 8 cm ahead of and 5 cm
   * above its origin. The wearer's head is not tracked by EgoDex; the sample's clip folders use the same pose, so one
   * motion retargets the same from either layout.
   */
  public static final List<Double> T_HEAD_CAMERA = List.of(
      0.0, 0.0, 1.0, 0.08,
      -1.0, 0.0, 0.0, 0.0,
      0.0, -1.0, 0.0, 0.05,
      0.0, 0.0, 0.0, 1.0);

  /** Root attributes that name the task and describe it, in the order they are looked for. */
  public static final String TASK_ATTRIBUTE = "task";
  public static final List<String> DESCRIPTION_ATTRIBUTES = List.of("llm_description", "description");
}
