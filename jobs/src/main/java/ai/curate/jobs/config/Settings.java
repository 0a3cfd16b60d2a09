package ai.curate.jobs.config;

import static ai.curate.jobs.config.Check.atLeast;
import static ai.curate.jobs.config.Check.nonBlank;
import static ai.curate.jobs.config.Check.positive;
import static ai.curate.jobs.config.Setting.booleanSetting;
import static ai.curate.jobs.config.Setting.doubleSetting;
import static ai.curate.jobs.config.Setting.intSetting;
import static ai.curate.jobs.config.Setting.longSetting;
import static ai.curate.jobs.config.Setting.mapSetting;
import static ai.curate.jobs.config.Setting.stringSetting;

import ai.curate.jobs.config.CurateConfig.PolicyConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.human.HumanIngestSettings;
import ai.curate.jobs.video.FleetVideoOptions;
import ai.curate.retargeting.pose.PoseJsonlReader;
import ai.curate.transforms.gold.SplitFractions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Every setting of the configuration, declared once (key, type, default, documentation, checks). The built-in
 * defaults, validation, path resolution, {@code curate config} and docs/configuration.md come from here; the values
 * are bound into {@link CurateConfig}, whose record components mirror these keys. Settings of one section are
 * declared together, in the order {@code curate config} prints them.
 */
public final class Settings {
  private Settings() {}

  /** Largest line limit a reader may be given (bytes): a line within the limit is held in memory as one String. */
  static final long MAX_LINE_LIMIT = 256L << 20;
  /** Largest limit for a file read whole (clip.json): it is read into one byte array. */
  static final long MAX_FILE_LIMIT = 1L << 30;

  /** Alignment methods of {@code align.policies.*.method}. */
  static final List<String> ALIGN_METHODS = List.of("linear", "previous", "nearest", "window_mean", "window_max");

  // paths
  public static final Setting<String> PATHS_RAW = stringSetting("paths.raw").path().defaultValue("")
      .doc("Raw landing zone: fleet/date=.../ and human/date=.../ (a path or a URI such as s3a://...).")
      .check(nonBlank());
  public static final Setting<String> PATHS_WAREHOUSE = stringSetting("paths.warehouse").path().defaultValue("")
      .doc("Delta tables (<warehouse>/<layer>/<table>) and, for the embedded catalog, its metastore.")
      .check(nonBlank());
  public static final Setting<String> PATHS_SCRATCH = stringSetting("paths.scratch").path()
      .defaultValue("/tmp/curate-scratch").doc("Executor-local temporary files (video copies).").check(nonBlank());

  // catalog
  public static final Setting<String> CATALOG_KIND = stringSetting("catalog.kind").defaultValue("embedded")
      .doc("Where table names live: embedded (Derby under paths.warehouse, one process at a time), jdbc (the Hive"
          + " metastore schema in a shared database, catalog.jdbc.*), external (spark.hadoop.hive.metastore.uris) or"
          + " session (in memory).")
      .check(Check.oneOf(List.of(CurateConfig.CatalogConfig.EMBEDDED, CurateConfig.CatalogConfig.JDBC,
          CurateConfig.CatalogConfig.EXTERNAL, CurateConfig.CatalogConfig.SESSION)));
  public static final Setting<String> CATALOG_JDBC_URL = stringSetting("catalog.jdbc.url").defaultValue("")
      .doc("JDBC URL of the catalog database for catalog.kind=jdbc, e.g. jdbc:postgresql://db:5432/metastore.");
  public static final Setting<String> CATALOG_JDBC_USER = stringSetting("catalog.jdbc.user").defaultValue("")
      .doc("Database user of catalog.kind=jdbc.");
  public static final Setting<String> CATALOG_JDBC_PASSWORD_ENV = stringSetting("catalog.jdbc.password_env")
      .defaultValue("CURATE_CATALOG_PASSWORD")
      .doc("Environment variable holding the catalog database password (never a setting or an option).")
      .check(nonBlank());
  public static final Setting<String> CATALOG_JDBC_PASSWORD_FILE = stringSetting("catalog.jdbc.password_file").path()
      .defaultValue("").doc("File whose first line is the catalog database password, read when the environment"
          + " variable is not set.");

  // spark
  public static final Setting<Map<String, String>> SPARK = mapSetting("spark", String.class)
      .defaultValue(sparkDefaults())
      .doc("Full Spark settings passed to the session verbatim; a --set key starting with 'spark.' lands here.")
      .eachEntry(String.class, Settings::sparkEntryProblem);

  // sample
  public static final Setting<String> SAMPLE_DATE = stringSetting("sample.date").defaultValue("2026-01-15")
      .doc("Capture date of the generated sample data (YYYY-MM-DD).").check(Check.isoDate());
  public static final Setting<Integer> SAMPLE_SESSIONS = intSetting("sample.sessions").defaultValue(3)
      .doc("Robot sessions `curate demo` generates.").check(atLeast(0));
  public static final Setting<Integer> SAMPLE_CLIPS = intSetting("sample.clips").defaultValue(2)
      .doc("Human video clips `curate demo` generates.").check(atLeast(0));
  public static final Setting<Long> SAMPLE_SEED = longSetting("sample.seed").defaultValue(7L)
      .doc("Random seed of the sample generator: the same seed gives the same files.");
  public static final Setting<Double> SAMPLE_SESSION_MINUTES = doubleSetting("sample.session_minutes")
      .defaultValue(1.0).doc("Length of each generated robot session, in minutes.").check(positive());
  public static final Setting<Boolean> SAMPLE_FAULTS = booleanSetting("sample.faults").defaultValue(false)
      .doc("Plant known defects in the sample (for the quality and ledger checks).");
  public static final Setting<String> SAMPLE_HUMAN_FORMAT = stringSetting("sample.human_format").defaultValue("clip")
      .doc("Raw format of the clean human clips `curate demo` generates: clip (clip folders) or egodex (EgoDex"
          + " recordings, <task>/<n>.hdf5 with <n>.mp4).")
      .check(Check.oneOf(List.of("clip", "egodex")));

  // fleet_ingest
  public static final Setting<Double> FLEET_SLICE_MB = doubleSetting("fleet_ingest.slice_mb").defaultValue(64.0)
      .doc("Arrow record-batch megabytes per read task of ingest-fleet: a long stream is read by many tasks.")
      .check(positive());
  public static final Setting<Double> FLEET_MAX_SMALL_FILE_MB = doubleSetting("fleet_ingest.max_small_file_mb")
      .defaultValue(64.0).doc("Largest manifest.json or events.jsonl ingest-fleet reads, in megabytes (at most 1024):"
          + " a larger manifest leaves the session out, larger events leave it without episodes.")
      .check(positive()).check(Check.between(0, 1024));
  public static final Setting<Long> FLEET_MAX_EVENT_LINE_BYTES = longSetting("fleet_ingest.max_event_line_bytes")
      .defaultValue(1L << 20).doc("Longest events.jsonl line ingest-fleet reads (and /events message ingest-mcap"
          + " reads), in bytes: a longer one is skipped unread (event_line_too_long).")
      .check(Check.between(1, MAX_LINE_LIMIT));

  // mcap_ingest
  public static final Setting<String> MCAP_MAPPING = stringSetting("mcap_ingest.mapping")
      .defaultValue("configs/mcap/neo.yaml")
      .doc("Topic mapping of MCAP recordings (which topic feeds which bronze stream); relative: to the installation"
          + " folder.")
      .check(nonBlank());
  public static final Setting<Map<String, String>> MCAP_ROBOT_MAPPINGS = mapSetting("mcap_ingest.robot_mappings",
      String.class).defaultValue(Map.of())
      .doc("Per robot id, a topic mapping that replaces mcap_ingest.mapping for that robot's recordings (the robot id"
          + " is read from the recording's session record).")
      .eachEntry(String.class, (robot, file) -> file == null || file.isBlank()
          ? CurateErrors.badConfigValue("mcap_ingest.robot_mappings." + robot, "needs a mapping file")
          : null);
  public static final Setting<String> MCAP_ROBOT_URDF = stringSetting("mcap_ingest.robot_urdf")
      .defaultValue("configs/robots/neo/neo.urdf")
      .doc("Robot model whose actuated joints, in order, are the elements of the joint arrays ingest-mcap writes;"
          + " relative: to the installation folder.")
      .check(nonBlank());
  public static final Setting<Double> MCAP_SPLIT_MB = doubleSetting("mcap_ingest.split_mb").defaultValue(64.0)
      .doc("Compressed MCAP chunk megabytes per read task of ingest-mcap: a long recording is read by many tasks.")
      .check(positive());

  // human_ingest (value ranges are checked by HumanIngestSettings and FaceBlurOptions, see WHOLE_CONFIG_CHECKS)
  public static final Setting<Boolean> HUMAN_KEYFRAMES_ONLY = booleanSetting("human_ingest.keyframes_only")
      .defaultValue(false).doc("Triage: decode key frames only (much faster; other frame indices estimated).");
  public static final Setting<Integer> HUMAN_SIGNAL_WIDTH = intSetting("human_ingest.signal_width").defaultValue(160)
      .doc("Width in pixels of the grey image brightness, contrast and sharpness are computed on.");
  public static final Setting<Integer> HUMAN_MAX_POSE_ERRORS = intSetting("human_ingest.max_pose_errors_per_clip")
      .defaultValue(20).doc("Malformed pose.jsonl lines listed one by one in the ledger, then summarised.");
  public static final Setting<Long> HUMAN_MAX_CLIP_JSON_BYTES = longSetting("human_ingest.max_clip_json_bytes")
      .defaultValue(16L << 20).doc("Largest clip.json ingest-human reads, in bytes: a larger one rejects the clip"
          + " (clip_json_too_large).")
      .check(Check.between(1, MAX_FILE_LIMIT));
  public static final Setting<Long> HUMAN_MAX_POSE_LINE_BYTES = longSetting("human_ingest.max_pose_line_bytes")
      .defaultValue(PoseJsonlReader.DEFAULT_MAX_LINE_BYTES).doc("Longest pose.jsonl line ingest-human reads, in"
          + " bytes: a longer line is skipped unread (pose_line_too_long).")
      .check(Check.between(1, MAX_LINE_LIMIT));
  public static final Setting<Long> HUMAN_MAX_POSE_FILE_BYTES = longSetting("human_ingest.max_pose_file_bytes")
      .defaultValue(PoseJsonlReader.DEFAULT_MAX_FILE_BYTES).doc("Largest pose.jsonl ingest-human reads, in bytes"
          + " (its track is held in memory while the clip is ingested): a larger one is not read and the clip has no"
          + " pose rows (pose_file_too_large).")
      .check(Check.atLeast(1));
  public static final Setting<Boolean> HUMAN_FLEET_CAMERAS = booleanSetting("human_ingest.fleet_cameras")
      .defaultValue(true).doc("Also decode the date's fleet camera videos into bronze.fleet_video_*.");
  public static final Setting<Boolean> HUMAN_EGODEX_CONSENT = booleanSetting("human_ingest.egodex_consent")
      .defaultValue(false).doc("Mark EgoDex-layout recordings as filmed with consent (their files do not say): true"
          + " for Apple's EgoDex release, whose participants consented; false leaves consent unknown and the default"
          + " quality rules quarantine them.");
  public static final Setting<Boolean> FACE_BLUR_ENABLED = booleanSetting("human_ingest.face_blur.enabled")
      .defaultValue(false).doc("Write face-blurred (de-identified) copies of every ingested clip's video.");
  public static final Setting<String> FACE_BLUR_OUTPUT = stringSetting("human_ingest.face_blur.output").path()
      .defaultValue("").doc("Folder of the de-identified copies; blank: <paths.warehouse>/deidentified/human. Must be"
          + " outside paths.raw (and not contain it).");
  public static final Setting<String> FACE_BLUR_CASCADE = stringSetting("human_ingest.face_blur.cascade")
      .defaultValue("haarcascade_frontalface_alt2.xml").doc("OpenCV Haar cascade shipped in the opencv jar.");
  public static final Setting<Double> FACE_BLUR_SCALE = doubleSetting("human_ingest.face_blur.scale_factor")
      .defaultValue(1.1).doc("Detector scale step between image pyramid levels (> 1).");
  public static final Setting<Integer> FACE_BLUR_NEIGHBORS = intSetting("human_ingest.face_blur.min_neighbors")
      .defaultValue(3).doc("Overlapping detections needed to accept a face.");
  public static final Setting<Double> FACE_BLUR_MIN_FACE = doubleSetting("human_ingest.face_blur.min_face_fraction")
      .defaultValue(0.05).doc("Smallest face, as a fraction of the frame's shorter side.");
  public static final Setting<Integer> FACE_BLUR_DETECT_WIDTH = intSetting("human_ingest.face_blur.detect_width")
      .defaultValue(640).doc("Detection runs on frames downscaled to this width.");
  public static final Setting<Double> FACE_BLUR_MARGIN = doubleSetting("human_ingest.face_blur.margin")
      .defaultValue(0.2).doc("Blurred box = detected box grown by this fraction on each side.");

  public static final Setting<String> FLEET_VIDEO_MODE = stringSetting("human_ingest.fleet_video.mode")
      .defaultValue(FleetVideoOptions.PACKETS).doc("How fleet camera videos are analysed: packets (every frame's"
          + " packet read without decoding, key frames decoded; about a tenth of the cost) or full (every frame"
          + " decoded).")
      .check(Check.oneOf(FleetVideoOptions.MODES));
  public static final Setting<Double> FLEET_VIDEO_PICTURE_INTERVAL = doubleSetting(
      "human_ingest.fleet_video.picture_interval_s").defaultValue(2.0).doc("In packets mode, decode"
          + " the first key frame, then each first key frame at least this many seconds after the last one decoded"
          + " (0: every key frame).")
      .check(atLeast(0));
  public static final Setting<Integer> FLEET_VIDEO_UNCHANGED_BYTES = intSetting(
      "human_ingest.fleet_video.unchanged_max_bytes").defaultValue(32).doc("Largest inter-frame packet,"
          + " in bytes, that codes no change (an all-skipped H.264 frame is 10-20 bytes at any resolution).")
      .check(atLeast(0));
  public static final Setting<Double> FLEET_VIDEO_FROZEN_S = doubleSetting("human_ingest.fleet_video.frozen_min_s")
      .defaultValue(2.0).doc("Shortest run of unchanged pictures, in seconds, flagged frozen.").check(positive());
  public static final Setting<Double> FLEET_VIDEO_DARK = doubleSetting("human_ingest.fleet_video.dark_max_brightness")
      .defaultValue(40.0).doc("Mean decoded brightness (luma 0-255) below which a camera video is flagged dark.");
  public static final Setting<Double> FLEET_VIDEO_BLUR = doubleSetting("human_ingest.fleet_video.blur_max_sharpness")
      .defaultValue(20.0).doc("Mean decoded sharpness (variance of the Laplacian at signal_width) below which a camera"
          + " video is flagged blurred.");
  public static final Setting<Integer> FLEET_VIDEO_DROPPED = intSetting("human_ingest.fleet_video.max_dropped_frames")
      .defaultValue(0).doc("Frames missing from a camera video's timeline (gaps of 1.5 frame periods or more) above"
          + " which it is flagged dropped_frames.")
      .check(atLeast(0));

  // align
  public static final Setting<String> ALIGN_GRID_CAMERA = stringSetting("align.grid_camera").defaultValue("head")
      .doc("The camera whose frame capture times are an episode's time grid.").check(nonBlank());
  public static final Setting<Double> ALIGN_FIXED_RATE_HZ = doubleSetting("align.fixed_rate_hz").defaultValue(0.0)
      .doc("When > 0, a fixed-rate grid instead of the grid camera's frames.")
      .check(Check.that(v -> v >= 0, "must be >= 0 (0 = the grid camera's frames)"));
  public static final Setting<Double> ALIGN_BUCKET_SECONDS = doubleSetting("align.bucket_seconds").defaultValue(60.0)
      .doc("Time-bucket length: bounds per-task memory and spreads long episodes over tasks.").check(positive());
  public static final Setting<Map<String, PolicyConfig>> ALIGN_POLICIES = mapSetting("align.policies",
      PolicyConfig.class).defaultValue(policyDefaults())
      .doc("Stream kind or stream name -> {method: " + String.join(" | ", ALIGN_METHODS) + ", max_gap_ms};"
          + " a stream name wins over its kind.")
      .eachEntry(PolicyConfig.class, Settings::policyProblem);

  // retarget
  public static final Setting<String> RETARGET_ROBOT_CONFIG = stringSetting("retarget.robot_config").path()
      .defaultValue("configs/robots/neo/retarget-hands.yaml")
      .doc("Retargeting YAML (docs/retargeting.md); the default resolves against the installation folder.")
      .check(nonBlank());
  public static final Setting<Integer> RETARGET_CHUNK_FRAMES = intSetting("retarget.chunk_frames").defaultValue(1800)
      .doc("Frames per solver chunk (1800 = one minute at 30 fps): bounds memory per clip.").check(atLeast(1));
  public static final Setting<Integer> RETARGET_OVERLAP_FRAMES = intSetting("retarget.overlap_frames")
      .defaultValue(60).doc("Frames shared by consecutive chunks, half taken from each; less than half a chunk.");
  public static final Setting<String> RETARGET_ARM_BASE_LINK = stringSetting("retarget.arm_base_link")
      .defaultValue("torso").doc("The link arms are solved from; \"\" leaves the arm joints unsolved.")
      .check(Check.present("must be a link name, or \"\" for no arms"));

  // quality
  public static final Setting<String> QUALITY_ROBOT_RULES = stringSetting("quality.robot_rules")
      .defaultValue("configs/quality/robot.yaml")
      .doc("Rule file for robot episodes (docs/quality.md); relative: to the installation folder.")
      .check(Check.yamlFile());
  public static final Setting<String> QUALITY_HUMAN_RULES = stringSetting("quality.human_rules")
      .defaultValue("configs/quality/human.yaml")
      .doc("Rule file for human clips (docs/quality.md); relative: to the installation folder.")
      .check(Check.yamlFile());
  public static final Setting<String> QUALITY_ROBOT_URDF = stringSetting("quality.robot_urdf")
      .defaultValue("configs/robots/neo/neo.urdf")
      .doc("Robot model whose joint limits the limit checks read; relative: to the installation folder.")
      .check(nonBlank());

  // publish
  public static final Setting<Double> PUBLISH_SPLIT_TRAIN = doubleSetting("publish.split.train").defaultValue(0.8)
      .doc("Share of episodes in the train split (by a hash of the episode id; the three sum to 1).");
  public static final Setting<Double> PUBLISH_SPLIT_VAL = doubleSetting("publish.split.val").defaultValue(0.1)
      .doc("Share of episodes in the val split.");
  public static final Setting<Double> PUBLISH_SPLIT_TEST = doubleSetting("publish.split.test").defaultValue(0.1)
      .doc("Share of episodes in the test split.");
  public static final Setting<String> PUBLISH_SPLIT_SALT = stringSetting("publish.split_salt").defaultValue("")
      .doc("Prefixed to the episode id before hashing; changing it reshuffles every episode.")
      .check(Check.present("must be a string (\"\" for none)"));
  public static final Setting<Double> PUBLISH_TARGET_FILE_MB = doubleSetting("publish.target_file_size_mb")
      .defaultValue(256.0).doc("Size gold.timesteps files are written at (per source and date partition).")
      .check(positive());
  public static final Setting<String> PUBLISH_ROBOT_URDF = stringSetting("publish.robot_urdf")
      .defaultValue("configs/robots/neo/neo.urdf")
      .doc("Robot model whose actuated joints name the joint elements of gold.feature_stats; relative: to the"
          + " installation folder.")
      .check(nonBlank());

  // clips
  public static final Setting<String> CLIPS_PROFILE = stringSetting("clips.profile").defaultValue("")
      .doc("Clip profile the export-clips stage exports with (configs/clips/*.yaml; relative: to the installation"
          + " folder); empty: the stage exports nothing (curate export clips names its profile itself).");
  public static final Setting<String> CLIPS_OUT = stringSetting("clips.out").path().defaultValue("")
      .doc("Root folder of the clip shards (a path or a URI); empty: <paths.warehouse>/clips.");
  public static final Setting<Double> CLIPS_SHARD_MB = doubleSetting("clips.shard_size_mb").defaultValue(256.0)
      .doc("Size at which a clip shard (a tar) is closed and the next begins; a clip is never split.")
      .check(positive());
  public static final Setting<Integer> CLIPS_EPISODES_PER_TASK = intSetting("clips.episodes_per_task")
      .defaultValue(8).doc("Episodes per export task (each task decodes its episodes' videos once).")
      .check(atLeast(1));

  /** Every setting, in declaration (and printing) order. */
  public static final List<Setting<?>> ALL = List.of(PATHS_RAW, PATHS_WAREHOUSE, PATHS_SCRATCH, CATALOG_KIND,
      CATALOG_JDBC_URL, CATALOG_JDBC_USER,
      CATALOG_JDBC_PASSWORD_ENV, CATALOG_JDBC_PASSWORD_FILE, SPARK,
      SAMPLE_DATE, SAMPLE_SESSIONS, SAMPLE_CLIPS, SAMPLE_SEED, SAMPLE_SESSION_MINUTES, SAMPLE_FAULTS,
      SAMPLE_HUMAN_FORMAT,
      FLEET_SLICE_MB, FLEET_MAX_SMALL_FILE_MB, FLEET_MAX_EVENT_LINE_BYTES,
      MCAP_MAPPING, MCAP_ROBOT_MAPPINGS, MCAP_ROBOT_URDF, MCAP_SPLIT_MB,
      HUMAN_KEYFRAMES_ONLY, HUMAN_SIGNAL_WIDTH, HUMAN_MAX_POSE_ERRORS, HUMAN_MAX_CLIP_JSON_BYTES,
      HUMAN_MAX_POSE_LINE_BYTES, HUMAN_MAX_POSE_FILE_BYTES, HUMAN_FLEET_CAMERAS, HUMAN_EGODEX_CONSENT,
      FACE_BLUR_ENABLED,
      FACE_BLUR_OUTPUT, FACE_BLUR_CASCADE, FACE_BLUR_SCALE, FACE_BLUR_NEIGHBORS, FACE_BLUR_MIN_FACE,
      FACE_BLUR_DETECT_WIDTH, FACE_BLUR_MARGIN, FLEET_VIDEO_MODE, FLEET_VIDEO_PICTURE_INTERVAL,
      FLEET_VIDEO_UNCHANGED_BYTES, FLEET_VIDEO_FROZEN_S,
      FLEET_VIDEO_DARK, FLEET_VIDEO_BLUR, FLEET_VIDEO_DROPPED,
      ALIGN_GRID_CAMERA, ALIGN_FIXED_RATE_HZ, ALIGN_BUCKET_SECONDS, ALIGN_POLICIES,
      RETARGET_ROBOT_CONFIG, RETARGET_CHUNK_FRAMES, RETARGET_OVERLAP_FRAMES, RETARGET_ARM_BASE_LINK,
      QUALITY_ROBOT_RULES, QUALITY_HUMAN_RULES, QUALITY_ROBOT_URDF,
      PUBLISH_SPLIT_TRAIN, PUBLISH_SPLIT_VAL, PUBLISH_SPLIT_TEST, PUBLISH_SPLIT_SALT, PUBLISH_TARGET_FILE_MB,
      PUBLISH_ROBOT_URDF, CLIPS_PROFILE, CLIPS_OUT, CLIPS_SHARD_MB, CLIPS_EPISODES_PER_TASK);

  /** Former keys, rejected with a message naming their replacement. */
  public static final Map<String, String> RENAMED = Map.of(
      "spark.curate.fleet.sliceMb", FLEET_SLICE_MB.key(),
      "spark.curate.fleet.maxSmallFileMb", FLEET_MAX_SMALL_FILE_MB.key());

  /**
   * A rule across settings, or one a domain class owns, reported under {@code key}: {@code problem} returns null
   * when the config is fine.
   */
  public record WholeConfigCheck(String key, Function<CurateConfig, String> problem) {}

  /** Checked after every per-setting check passed. */
  public static final List<WholeConfigCheck> WHOLE_CONFIG_CHECKS = List.of(
      new WholeConfigCheck(CATALOG_JDBC_URL.key(), Settings::jdbcCatalogProblem),
      new WholeConfigCheck("human_ingest", c -> problemOf(() -> HumanIngestSettings.from(c.humanIngest(),
          c.paths().warehouse()))),
      new WholeConfigCheck(FACE_BLUR_OUTPUT.key(), c -> HumanIngestSettings.faceBlurOutputProblem(c.paths().raw(),
          HumanIngestSettings.faceBlurOutput(c.humanIngest().faceBlur(), c.paths().warehouse()))),
      new WholeConfigCheck(RETARGET_OVERLAP_FRAMES.key(), Settings::overlapProblem),
      new WholeConfigCheck("publish.split", c -> problemOf(() -> new SplitFractions(c.publish().split().train(),
          c.publish().split().val(), c.publish().split().test()))));

  public static Setting<?> byKey(String key) {
    return ALL.stream().filter(s -> s.key().equals(key)).findFirst().orElse(null);
  }

  private static String jdbcCatalogProblem(CurateConfig c) {
    if (!CurateConfig.CatalogConfig.JDBC.equals(c.catalog().kind())) {
      return null;
    }
    String url = c.catalog().jdbc().url();
    if (url == null || !url.startsWith("jdbc:")) {
      return "catalog.kind=jdbc needs a JDBC URL such as jdbc:postgresql://host:5432/metastore, got '"
          + (url == null ? "" : url) + "'";
    }
    if (url.toLowerCase(java.util.Locale.ROOT).matches(".*[?&;]password=.*")) {
      return "must not carry a password (it would show in curate config and in messages): put it in the"
          + " environment variable catalog.jdbc.password_env names, or in catalog.jdbc.password_file";
    }
    return null;
  }

  private static String overlapProblem(CurateConfig c) {
    int chunk = c.retarget().chunkFrames();
    int overlap = c.retarget().overlapFrames();
    boolean ok = overlap >= 0 && (overlap == 0 || 2 * overlap < chunk);
    return ok ? null : "must be >= 0 and less than half of retarget.chunk_frames (" + chunk + "), got " + overlap;
  }

  private static String problemOf(Runnable build) {
    try {
      build.run();
      return null;
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
  }

  private static ai.curate.jobs.errors.UserError sparkEntryProblem(String key, String value) {
    if (RENAMED.containsKey(key)) {
      return CurateErrors.renamedConfigKey(key, RENAMED.get(key));
    }
    if (!key.startsWith("spark.")) {
      return CurateErrors.badConfigValue("spark." + key,
          "keys in the spark section are full Spark settings and start with 'spark.'");
    }
    return value == null ? CurateErrors.badConfigValue(key, "needs a value") : null;
  }

  private static ai.curate.jobs.errors.UserError policyProblem(String stream, PolicyConfig p) {
    String key = ALIGN_POLICIES.key() + "." + stream;
    if (p == null || p.method() == null || !ALIGN_METHODS.contains(p.method())) {
      return CurateErrors.badConfigValue(key + ".method", "must be one of " + ALIGN_METHODS
          + (p == null ? "" : ", got '" + p.method() + "'"));
    }
    return p.maxGapMs() >= 0 ? null : CurateErrors.badConfigValue(key + ".max_gap_ms", "must be >= 0");
  }

  private static Map<String, String> sparkDefaults() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("spark.app.name", "curate");
    m.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    m.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    m.put("spark.sql.session.timeZone", "UTC");
    m.put("spark.ui.enabled", "false");
    return m;
  }

  /** The default alignment policies per stream kind (docs/alignment.md, "Semantics": default policy per stream kind). */
  private static Map<String, PolicyConfig> policyDefaults() {
    Map<String, PolicyConfig> m = new LinkedHashMap<>();
    m.put("joint_state", new PolicyConfig("linear", 20));
    m.put("joint_command", new PolicyConfig("previous", 50));
    m.put("wrench", new PolicyConfig("linear", 20));
    m.put("tactile", new PolicyConfig("previous", 20));
    return m;
  }
}
