package ai.curate.jobs.tables;

import java.util.List;

/** Table names (contract: docs/tables.md). */
public final class Tables {
  private Tables() {}

  public static final String BRONZE = "bronze";
  public static final String SILVER = "silver";
  public static final String GOLD = "gold";

  /** The published gold tables are partitioned by source (fleet, human) and date: a source republishes alone. */
  public static final List<String> SOURCE_AND_DATE = List.of("source", TableId.DATE_COLUMN);

  /**
   * Partitioned by date and stage: ingest-fleet and ingest-human replace their own rows at the same time, and only
   * disjoint partitions let Delta commit both (a stage filter on a data column conflicts).
   */
  public static final TableId INGEST_ERRORS = new TableId(BRONZE, "ingest_errors",
      List.of(TableId.DATE_COLUMN, "stage"));
  public static final TableId SESSIONS = new TableId(BRONZE, "sessions");
  public static final TableId JOINT_STATES = new TableId(BRONZE, "joint_states");
  public static final TableId JOINT_COMMANDS = new TableId(BRONZE, "joint_commands");
  public static final TableId WRENCHES = new TableId(BRONZE, "wrenches");
  public static final TableId TACTILE = new TableId(BRONZE, "tactile");
  public static final TableId CAMERA_FRAMES = new TableId(BRONZE, "camera_frames");
  public static final TableId VIDEOS = new TableId(BRONZE, "videos");
  public static final TableId EVENTS = new TableId(BRONZE, "events");
  public static final TableId MCAP_CHANNELS = new TableId(BRONZE, "mcap_channels");
  public static final TableId HUMAN_CLIPS = new TableId(BRONZE, "human_clips");
  public static final TableId HUMAN_VIDEO_FRAMES = new TableId(BRONZE, "human_video_frames");
  public static final TableId HUMAN_POSES = new TableId(BRONZE, "human_poses");
  public static final TableId HUMAN_DEIDENTIFIED = new TableId(BRONZE, "human_deidentified");
  public static final TableId FLEET_VIDEO_QUALITY = new TableId(BRONZE, "fleet_video_quality");
  public static final TableId FLEET_VIDEO_FRAMES = new TableId(BRONZE, "fleet_video_frames");
  public static final TableId FLEET_VIDEO_PACKETS = new TableId(BRONZE, "fleet_video_packets");

  public static final TableId ROBOT_TIMESTEPS = new TableId(SILVER, "robot_timesteps");
  public static final TableId ROBOT_EPISODES = new TableId(SILVER, "robot_episodes");
  public static final TableId HUMAN_TIMESTEPS = new TableId(SILVER, "human_timesteps");
  public static final TableId HUMAN_CLIP_METRICS = new TableId(SILVER, "human_clip_metrics");

  public static final TableId EPISODES = new TableId(GOLD, "episodes", SOURCE_AND_DATE);
  public static final TableId TIMESTEPS = new TableId(GOLD, "timesteps", SOURCE_AND_DATE);
  public static final TableId FEATURE_STATS = new TableId(GOLD, "feature_stats", SOURCE_AND_DATE);
  public static final TableId QUALITY_REPORT = new TableId(GOLD, "quality_report");
  public static final TableId QUARANTINE = new TableId(GOLD, "quarantine");
  public static final TableId QUALITY_PASS = new TableId(GOLD, "quality_pass");
  public static final TableId QUALITY_METRICS = new TableId(GOLD, "quality_metrics");
  public static final TableId CLIPS = new TableId(GOLD, "clips");
  public static final TableId QUALITY_RUNS = new TableId(GOLD, "quality_runs");
}
