package ai.curate.transforms.gold;

import java.util.List;

/** Column names and source values of the gold tables (docs/gold-tables.md). Stable: readers outside Spark rely on them. */
public final class GoldColumns {
  private GoldColumns() {}

  // Sources (partition values of gold.timesteps and gold.episodes).
  public static final String FLEET = "fleet";
  public static final String HUMAN = "human";

  // Keys.
  public static final String SOURCE = "source";
  public static final String CAPTURE_DATE = "capture_date";
  public static final String EPISODE_ID = "episode_id";
  public static final String STEP_INDEX = "step_index";
  public static final String TS_NS = "ts_ns";
  public static final String SESSION_ID = "session_id";
  public static final String ROBOT_ID = "robot_id";
  public static final String DATASET = "dataset";
  public static final String SPLIT = "split";

  // Observation and action.
  public static final String JOINT_POSITION = "joint_position";
  public static final String JOINT_VELOCITY = "joint_velocity";
  public static final String JOINT_EFFORT = "joint_effort";
  public static final String JOINT_MASK = "joint_mask";
  public static final String ACTION = "action";
  public static final String WRENCH_LEFT = "wrench_left";
  public static final String WRENCH_RIGHT = "wrench_right";
  public static final String TACTILE_LEFT = "tactile_left";
  public static final String TACTILE_RIGHT = "tactile_right";
  public static final String CAMERA_FRAME_INDEX = "camera_frame_index";

  // Validity.
  public static final String JOINT_STATE_VALID = "joint_state_valid";
  public static final String ACTION_VALID = "action_valid";
  public static final String WRENCH_LEFT_VALID = "wrench_left_valid";
  public static final String WRENCH_RIGHT_VALID = "wrench_right_valid";
  public static final String TACTILE_LEFT_VALID = "tactile_left_valid";
  public static final String TACTILE_RIGHT_VALID = "tactile_right_valid";
  public static final String CAMERAS_VALID = "cameras_valid";
  public static final List<String> VALIDITY = List.of(JOINT_STATE_VALID, ACTION_VALID, WRENCH_LEFT_VALID,
      WRENCH_RIGHT_VALID, TACTILE_LEFT_VALID, TACTILE_RIGHT_VALID, CAMERAS_VALID);

  // Human-only.
  public static final String HAND_SIDE = "hand_side";
  public static final String KEYPOINTS = "keypoints";
  public static final String KEYPOINT_CONFIDENCE_MEAN = "keypoint_confidence_mean";
  public static final String RETARGET_ERROR_MM = "retarget_error_mm";
  public static final String RETARGET_LIMIT_SATURATION = "retarget_limit_saturation";
  public static final String RETARGET_CONVERGED = "retarget_converged";

  /** The camera name under which a human clip's one video appears in {@link #CAMERA_FRAME_INDEX}. */
  public static final String HUMAN_CAMERA = "video";

  // Quality (per episode, repeated on its steps so a reader can re-filter without a join).
  public static final String QUALITY_SCORES = "quality_scores";
  public static final String QUALITY_WARNINGS = "quality_warnings";
  public static final String QUALITY_RULES_EVALUATED = "quality_rules_evaluated";
  public static final String PASSED = "passed";

  // Run metadata.
  public static final String RUN_ID = "run_id";

  // Split values.
  public static final String TRAIN = "train";
  public static final String VAL = "val";
  public static final String TEST = "test";
}
