package ai.curate.jobs.config;

import java.util.Map;

/**
 * The typed configuration of every command. Bound from YAML by {@link ConfigLoader}, which documents precedence
 * (built-in defaults &lt; config file &lt; {@code --set}) and rejects unknown keys and wrong types by key name. Each
 * leaf's default, documentation and checks are declared in {@link Settings}; docs/configuration.md lists them.
 *
 * <p>{@code spark} is the one free-form section: each key is a full Spark setting ({@code spark.master},
 * {@code spark.sql.shuffle.partitions}, {@code spark.hadoop.fs.s3a.endpoint}, ...) passed to the session verbatim.
 */
public record CurateConfig(
    PathsConfig paths,
    CatalogConfig catalog,
    Map<String, String> spark,
    SampleConfig sample,
    FleetIngestConfig fleetIngest,
    McapIngestConfig mcapIngest,
    HumanIngestConfig humanIngest,
    AlignConfig align,
    RetargetStageConfig retarget,
    QualityConfig quality,
    PublishConfig publish,
    ClipsConfig clips) {

  /** The same configuration with {@code spark} as its Spark settings (a process adding settings of its own). */
  public CurateConfig withSpark(Map<String, String> spark) {
    return new CurateConfig(paths, catalog, Map.copyOf(spark), sample, fleetIngest, mcapIngest, humanIngest, align,
        retarget, quality, publish, clips);
  }

  /** Locations. Relative paths in a config file are relative to that file's folder; URIs (s3a://, abfs://) as given. */
  public record PathsConfig(String raw, String warehouse, String scratch) {}

  /**
   * Where table names live. {@code embedded} keeps a Hive metastore in embedded Derby under {@code paths.warehouse}
   * (local default: one process at a time); {@code jdbc} keeps the Hive metastore schema in a database every process
   * reaches through {@code jdbc} (PostgreSQL: many processes at once, no metastore service); {@code external} uses
   * whatever metastore service the Spark settings name ({@code spark.hadoop.hive.metastore.uris}); {@code session} is
   * an in-memory catalog (tests).
   */
  public record CatalogConfig(String kind, JdbcCatalogConfig jdbc) {
    public static final String EMBEDDED = "embedded";
    public static final String JDBC = "jdbc";
    public static final String EXTERNAL = "external";
    public static final String SESSION = "session";
  }

  /**
   * The database of {@code catalog.kind=jdbc}. The password is never a setting: it is read from the environment
   * variable {@code passwordEnv} names or from {@code passwordFile}, so it stays off command lines and config files.
   *
   * @param url JDBC URL of the metastore database, e.g. {@code jdbc:postgresql://db:5432/metastore}
   * @param user database user
   * @param passwordEnv environment variable holding the password (used when set)
   * @param passwordFile file whose first line is the password (used when the variable is not set)
   */
  public record JdbcCatalogConfig(String url, String user, String passwordEnv, String passwordFile) {}

  /**
   * The {@code align} stage. {@code policies} maps a stream kind ({@code joint_state}, {@code joint_command},
   * {@code wrench}, {@code tactile}) or a stream name ({@code wrench_left}, which wins over its kind) to a method
   * ({@code linear | previous | nearest | window_mean | window_max}) and a max gap. Cameras use nearest within half a
   * frame period.
   *
   * @param gridCamera the camera whose frame capture times inside an episode are its grid
   * @param fixedRateHz when &gt; 0, a fixed-rate grid instead of camera frames
   * @param bucketSeconds time-bucket length: bounds per-task memory and spreads long episodes over tasks
   */
  public record AlignConfig(String gridCamera, double fixedRateHz, double bucketSeconds,
      Map<String, PolicyConfig> policies) {}

  public record PolicyConfig(String method, double maxGapMs) {}

  /**
   * The {@code retarget} stage (docs/retargeting.md, "The Spark stage").
   *
   * @param robotConfig retargeting YAML (docs/retargeting.md); relative paths resolve like {@code paths.*} (the
   *     built-in default against the installation folder)
   * @param chunkFrames frames per solver chunk: bounds memory per clip
   * @param overlapFrames frames shared by consecutive chunks (less than half a chunk); the first half of a shared
   *     region is taken from the earlier chunk, the second from the later
   * @param armBaseLink the link arms are solved from (Neo: torso); empty to leave arm joints unsolved
   */
  public record RetargetStageConfig(String robotConfig, int chunkFrames, int overlapFrames, String armBaseLink) {}

  /**
   * The {@code quality} stage. Relative paths resolve against the installation ({@code -Dcurate.home}, else the
   * working directory).
   *
   * @param robotRules rule file for robot episodes (default configs/quality/robot.yaml)
   * @param humanRules rule file for human clips (default configs/quality/human.yaml)
   * @param robotUrdf  the robot model whose joint limits the limit checks read (default configs/robots/neo/neo.urdf)
   */
  public record QualityConfig(String robotRules, String humanRules, String robotUrdf) {}

  /**
   * The {@code publish} stage (gold tables).
   *
   * @param split train / val / test shares of episodes, by a hash of the episode id (each in [0, 1], sum 1)
   * @param splitSalt prefixed to the episode id before hashing; changing it reshuffles every episode
   * @param targetFileSizeMb the size gold.timesteps files are written at (per source and date partition)
   * @param robotUrdf the robot model whose actuated joints name the joint elements of gold.feature_stats (relative:
   *     to curate's home, else the working directory)
   */
  public record PublishConfig(SplitConfig split, String splitSalt, double targetFileSizeMb, String robotUrdf) {}

  public record SplitConfig(double train, double val, double test) {}

  /**
   * Training clip export ({@code export-clips}, {@code curate export clips}; docs/clips.md).
   *
   * @param profile the clip profile the stage exports with; empty: the stage exports nothing
   * @param out root folder of the shards; empty: {@code <paths.warehouse>/clips}
   * @param shardSizeMb size at which a shard is closed
   * @param episodesPerTask episodes per export task
   */
  public record ClipsConfig(String profile, String out, double shardSizeMb, int episodesPerTask) {}

  /**
   * The {@code ingest-fleet} stage's read sizes ({@link Settings#FLEET_SLICE_MB}, {@link
   * Settings#FLEET_MAX_SMALL_FILE_MB}, formerly the Spark settings {@code spark.curate.fleet.*}; {@link
   * Settings#FLEET_MAX_EVENT_LINE_BYTES}).
   */
  public record FleetIngestConfig(double sliceMb, double maxSmallFileMb, long maxEventLineBytes) {}

  /**
   * The {@code ingest-mcap} stage (docs/raw-formats.md, "MCAP recordings"). Relative paths resolve against the
   * installation ({@code -Dcurate.home}, else the working directory).
   *
   * @param mapping the topic mapping of recordings without a per-robot entry (default configs/mcap/neo.yaml)
   * @param robotMappings per robot id, a mapping that replaces the default for that robot's recordings
   * @param robotUrdf the robot model whose actuated joints, in order, are the joint arrays' elements
   * @param splitMb compressed chunk megabytes per read task: a long recording is read by many tasks
   */
  public record McapIngestConfig(String mapping, Map<String, String> robotMappings, String robotUrdf,
      double splitMb) {}

  /**
   * The {@code ingest-human} stage.
   *
   * @param keyframesOnly triage mode: decode key frames only (much faster; frame signals for key frames, frame
   *     indices of the others estimated)
   * @param signalWidth width in pixels of the grey image the frame signals are computed on
   * @param maxPoseErrorsPerClip malformed pose.jsonl lines listed one by one in the ledger, then summarised
   * @param maxClipJsonBytes largest clip.json read ({@link Settings#HUMAN_MAX_CLIP_JSON_BYTES})
   * @param maxPoseLineBytes longest pose.jsonl line read ({@link Settings#HUMAN_MAX_POSE_LINE_BYTES})
   * @param maxPoseFileBytes largest pose.jsonl read ({@link Settings#HUMAN_MAX_POSE_FILE_BYTES})
   * @param egodexConsent EgoDex recordings marked as filmed with consent ({@link Settings#HUMAN_EGODEX_CONSENT})
   */
  public record HumanIngestConfig(boolean keyframesOnly, int signalWidth, int maxPoseErrorsPerClip,
      long maxClipJsonBytes, long maxPoseLineBytes, long maxPoseFileBytes, boolean fleetCameras,
      FaceBlurConfig faceBlur, boolean egodexConsent, FleetVideoConfig fleetVideo) {}

  /**
   * How {@code ingest-human} analyses fleet camera videos and which signals flag a fault (docs/human-ingest.md,
   * "Fleet camera videos"); the keys are {@code human_ingest.fleet_video.*} in {@link Settings}.
   */
  public record FleetVideoConfig(String mode, double pictureIntervalS, int unchangedMaxBytes, double frozenMinS,
      double darkMaxBrightness,
      double blurMaxSharpness, int maxDroppedFrames) {}

  /**
   * The optional face-blur pass of {@code ingest-human} (docs/human-ingest.md, "Face blur"). {@code output} is where
   * de-identified copies go ({@code <output>/date=D/<dataset>/<clip_id>/video.mp4}); blank means
   * {@code <paths.warehouse>/deidentified/human}.
   */
  public record FaceBlurConfig(boolean enabled, String output, String cascade, double scaleFactor, int minNeighbors,
      double minFaceFraction, int detectWidth, double margin) {}

  /** What {@code curate demo} generates. */
  public record SampleConfig(String date, int sessions, int clips, long seed, double sessionMinutes, boolean faults,
      String humanFormat) {}
}
