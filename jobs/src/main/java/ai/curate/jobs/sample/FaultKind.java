package ai.curate.jobs.sample;

/**
 * The defects {@code --faults} plants, each with what a correct pipeline should report: an ingest ledger error kind
 * ({@code bronze.ingest_errors.error_kind}), a bronze row flag, and/or a quality rule that should quarantine the
 * affected episode or clip. The quality rule ids are rule names of configs/quality/robot.yaml and human.yaml.
 */
public enum FaultKind {
  MANIFEST_INVALID("manifest_invalid", Target.FLEET, "manifest_unreadable", null, null,
      "manifest.json cut off mid-object (invalid JSON): the session cannot be read at all"),
  ARROW_TRUNCATED("arrow_truncated", Target.FLEET, "arrow_truncated", null, null,
      "stream file cut off part-way (logger crashed before writing the Arrow footer)"),
  ARROW_CORRUPT("arrow_corrupt", Target.FLEET, "arrow_corrupt", null, null,
      "the first 4 KiB of the stream file overwritten with garbage (bad block)"),
  STREAM_MISSING("stream_missing", Target.FLEET, "stream_missing", null, null,
      "a stream listed in the manifest has no file in the bundle"),
  LIST_WIDTH_MISMATCH("list_width_mismatch", Target.FLEET, "schema_mismatch", null, null,
      "list columns one element narrower than the manifest's joint_names (a joint dropped by the logger)"),
  TIMESTAMP_GAP("timestamp_gap", Target.FLEET, null, null, "joint_state_coverage",
      "samples missing over a window (logger stall)"),
  TIMESTAMP_REORDER("timestamp_reorder", Target.FLEET, null, "out_of_order", "ingest_out_of_order",
      "adjacent samples swapped over a window (out-of-order timestamps)"),
  TIMESTAMP_DUPLICATE("timestamp_duplicate", Target.FLEET, null, "duplicate_ts", "ingest_duplicate_timestamps",
      "a few samples written twice (same timestamp and values)"),
  NAN_VALUES("nan_values", Target.FLEET, null, "has_nan", "ingest_nan_samples",
      "NaN positions and velocities of one joint over a window (encoder dropout)"),
  FROZEN_SENSOR("frozen_sensor", Target.FLEET, null, null, "frozen_joint_state",
      "one joint's position, velocity and effort repeat the same value over a window while the arm moves"),
  VIDEO_TRUNCATED("video_truncated", Target.FLEET, "video_unreadable", null, null,
      "camera MP4 cut off half-way (no moov atom: the recorder crashed)"),
  VIDEO_CORRUPT("video_corrupt", Target.FLEET, "video_unreadable", null, null,
      "camera MP4 container header and index overwritten with garbage"),
  DUPLICATE_SESSION("duplicate_session", Target.FLEET, "duplicate_session_id", null, null,
      "the whole bundle copied under a second robot folder with only robot_id changed in the copy's manifest: both "
          + "copies are ledger rows, neither is ingested"),
  CAMERA_NAME_INVALID("camera_name_invalid", Target.FLEET, "name_invalid", null, null,
      "the manifest names camera wrist_right \"wrist.right\" (a dot cannot be a column name): the camera is left "
          + "out, the rest of the session is ingested"),
  EVENTS_SYMLINK("events_symlink", Target.FLEET, "symlink_skipped", null, null,
      "events.jsonl is a symbolic link to a file outside the landing zone (" + SampleReport.SYMLINK_TARGET_FILE
          + " at the sample root): it is skipped unread, the session is ingested without events"),
  DARK_VIDEO("dark_video", Target.HUMAN, null, null, "video_darkness",
      "clip video under-exposed (mean luma around 10 of 255)"),
  BLURRED_VIDEO("blurred_video", Target.HUMAN, null, null, "video_blur",
      "clip video heavily blurred (out of focus)"),
  LOW_POSE_CONFIDENCE("low_pose_confidence", Target.HUMAN, null, null, "hand_visibility",
      "right-hand keypoint confidences around 0.2 over the middle of the clip"),
  MISSING_CONSENT("missing_consent", Target.HUMAN, null, null, "consent",
      "clip.json has no \"consent\" field");

  public enum Target {
    FLEET,
    HUMAN
  }

  public final String id;
  public final Target target;
  /** {@code bronze.ingest_errors.error_kind} expected, or null when ingest should succeed. */
  public final String expectedLedgerKind;
  /** A bronze boolean column expected true on affected rows, or null. */
  public final String expectedRowFlag;
  /** The quality rule expected to flag the affected episode/clip, or null. */
  public final String expectedQualityRule;
  public final String description;

  FaultKind(String id, Target target, String ledger, String rowFlag, String rule, String description) {
    this.id = id;
    this.target = target;
    this.expectedLedgerKind = ledger;
    this.expectedRowFlag = rowFlag;
    this.expectedQualityRule = rule;
    this.description = description;
  }
}
