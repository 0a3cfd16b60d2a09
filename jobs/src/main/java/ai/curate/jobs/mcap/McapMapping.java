package ai.curate.jobs.mcap;

import ai.curate.jobs.config.YamlFiles;
import ai.curate.jobs.errors.CurateErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A robot's MCAP mapping ({@code configs/mcap/neo.yaml}): which topic becomes which bronze stream, with which ROS 2
 * message type and where its sample time is. Loaded and checked once, so a reader of recordings can trust it; a bad
 * file is a one-line config error naming the file and the entry. The contract: docs/raw-formats.md, "MCAP
 * recordings (Neo mapping v1)".
 *
 * @param mapping the mapping's name, e.g. {@code neo}
 * @param version its version; only 1 exists
 * @param robotModel the robot model whose joints the joint topics name
 * @param sessionMetadata the name of the Metadata record that names the session
 * @param topics one entry per topic (or topic pattern, for cameras)
 */
public record McapMapping(String mapping, int version, String robotModel, String sessionMetadata,
    List<Topic> topics) implements java.io.Serializable {

  /** What a topic carries; each kind has one message type. */
  public enum Kind {
    JOINT_STATE("sensor_msgs/msg/JointState", true),
    JOINT_COMMAND("sensor_msgs/msg/JointState", true),
    WRENCH("geometry_msgs/msg/WrenchStamped", true),
    TACTILE("std_msgs/msg/Float32MultiArray", true),
    CAMERA_IMAGE("sensor_msgs/msg/CompressedImage", false),
    CAMERA_VIDEO("foxglove_msgs/msg/CompressedVideo", false),
    EVENTS("std_msgs/msg/String", false);

    /** The ROS 2 message type of this kind's topics. */
    public final String messageType;
    /** True when the topic is one named bronze stream; camera topics name their camera in the topic instead. */
    public final boolean stream;

    Kind(String messageType, boolean stream) {
      this.messageType = messageType;
      this.stream = stream;
    }

    boolean hasSide() {
      return this == WRENCH || this == TACTILE;
    }

    boolean hasJoints() {
      return this == JOINT_STATE || this == JOINT_COMMAND;
    }

    /** Where a message of this kind can carry its sample time besides the log time. */
    TimeSource stamp() {
      return switch (this) {
        case JOINT_STATE, JOINT_COMMAND, WRENCH, CAMERA_IMAGE -> TimeSource.HEADER;
        case CAMERA_VIDEO -> TimeSource.TIMESTAMP;
        case TACTILE, EVENTS -> TimeSource.LOG_TIME;
      };
    }

    String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Where a message's sample time is. */
  public enum TimeSource {
    /** {@code header.stamp} ({@code std_msgs/Header}). */
    HEADER,
    /** A top-level {@code timestamp} field ({@code foxglove_msgs}). */
    TIMESTAMP,
    /** The MCAP message's log time. */
    LOG_TIME
  }

  /** How joint arrays are matched to the robot model's joints. */
  public enum JointMatch {
    /** By the message's {@code name} array, whatever its order. */
    BY_NAME
  }

  /** A robot side, for wrench and tactile topics. */
  public enum Side {
    LEFT,
    RIGHT
  }

  /**
   * One topic.
   *
   * @param topic the topic, or for cameras a pattern with one {@code {camera}} segment
   * @param stream the bronze stream it becomes (not for cameras and events)
   */
  public record Topic(String topic, Kind kind, String stream, String messageType,
      TimeSource time, Side side, JointMatch joints) implements java.io.Serializable {}

  /** The placeholder of a camera topic pattern. */
  public static final String CAMERA = "{camera}";
  /** What a camera name in a topic must look like (it becomes a bronze camera name). */
  public static final Pattern CAMERA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern STREAM_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** The mapping in {@code file}, checked; a {@code UserError} (config) naming the file when it is missing or bad. */
  public static McapMapping load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw CurateErrors.configuredFileMissing("MCAP mapping", "file", file,
          "the shipped Neo mapping is configs/mcap/neo.yaml");
    }
    McapMapping m = YamlFiles.bind(file, McapMapping.class, "MCAP mapping");
    String problem = m.problem();
    if (problem != null) {
      throw invalid(file, problem, null);
    }
    return m;
  }

  /** The entry of {@code topic}, matching camera patterns; null when the mapping does not name it. */
  public Topic topic(String topic) {
    for (Topic t : topics) {
      if (t.topic().equals(topic) || cameraName(t, topic) != null) {
        return t;
      }
    }
    return null;
  }

  /** The camera a concrete {@code topic} names through the pattern of {@code entry}; null when it does not match. */
  public static String cameraName(Topic entry, String topic) {
    int at = entry.topic().indexOf(CAMERA);
    if (at < 0) {
      return null;
    }
    String prefix = entry.topic().substring(0, at);
    String suffix = entry.topic().substring(at + CAMERA.length());
    if (!topic.startsWith(prefix) || !topic.endsWith(suffix) || topic.length() <= prefix.length() + suffix.length()) {
      return null;
    }
    String name = topic.substring(prefix.length(), topic.length() - suffix.length());
    return CAMERA_NAME.matcher(name).matches() ? name : null;
  }

  /** The first thing wrong with this mapping, or null. */
  String problem() {
    if (mapping == null || mapping.isBlank()) {
      return "'mapping' (the mapping's name) is required";
    }
    if (version != 1) {
      return "version " + version + " is not supported (known: 1)";
    }
    if (robotModel == null || robotModel.isBlank()) {
      return "'robot_model' is required";
    }
    if (sessionMetadata == null || sessionMetadata.isBlank()) {
      return "'session_metadata' (the name of the session's Metadata record) is required";
    }
    if (topics == null || topics.isEmpty()) {
      return "'topics' must list at least one topic";
    }
    Set<String> seenTopics = new HashSet<>();
    Set<String> seenStreams = new HashSet<>();
    for (int i = 0; i < topics.size(); i++) {
      Topic t = topics.get(i);
      String where = "topics[" + i + "]" + (t == null || t.topic() == null ? "" : " (" + t.topic() + ")");
      String p = t == null ? "is empty" : topicProblem(t);
      if (p == null && !seenTopics.add(t.topic())) {
        p = "repeats a topic";
      }
      if (p == null && t.stream() != null && !seenStreams.add(t.stream())) {
        p = "repeats stream '" + t.stream() + "'";
      }
      if (p != null) {
        return where + ": " + p;
      }
    }
    return null;
  }

  private static String topicProblem(Topic t) {
    if (t.topic() == null || !t.topic().startsWith("/")) {
      return "'topic' must be a topic name starting with /";
    }
    if (t.kind() == null) {
      return "'kind' is required (" + kinds() + ")";
    }
    Kind k = t.kind();
    if (!k.messageType.equals(t.messageType())) {
      return "kind " + k.id() + " needs message_type " + k.messageType + ", got " + t.messageType();
    }
    if (t.time() == null) {
      return "'time' is required (header, timestamp or log_time)";
    }
    if (t.time() != TimeSource.LOG_TIME && t.time() != k.stamp()) {
      return "time " + t.time().name().toLowerCase(Locale.ROOT) + " is not in a " + k.messageType
          + " (use " + k.stamp().name().toLowerCase(Locale.ROOT)
          + (k.stamp() == TimeSource.LOG_TIME ? "" : " or log_time") + ")";
    }
    boolean camera = k == Kind.CAMERA_IMAGE || k == Kind.CAMERA_VIDEO;
    int placeholders = t.topic().split(Pattern.quote(CAMERA), -1).length - 1;
    if (camera != (placeholders == 1)) {
      return camera ? "a camera topic needs exactly one " + CAMERA + " segment" : CAMERA + " is for camera topics only";
    }
    if (k.stream != (t.stream() != null)) {
      return k.stream ? "'stream' (the bronze stream) is required" : "'stream' is not used for kind " + k.id();
    }
    if (t.stream() != null && !STREAM_NAME.matcher(t.stream()).matches()) {
      return "stream '" + t.stream() + "' is not a name ([a-z][a-z0-9_]{0,63})";
    }
    if (k.hasSide() != (t.side() != null)) {
      return k.hasSide() ? "'side' (left or right) is required" : "'side' is not used for kind " + k.id();
    }
    // Bronze takes a wrench or tactile stream's side from its name, so the two must agree.
    if (t.side() != null && !t.stream().contains(t.side().name().toLowerCase(Locale.ROOT))) {
      return "stream '" + t.stream() + "' must name its side " + t.side().name().toLowerCase(Locale.ROOT);
    }
    if (k.hasJoints() != (t.joints() != null)) {
      return k.hasJoints() ? "'joints' is required (by_name)" : "'joints' is not used for kind " + k.id();
    }
    return null;
  }

  private static String kinds() {
    return java.util.Arrays.stream(Kind.values()).map(Kind::id).collect(Collectors.joining(", "));
  }

  private static RuntimeException invalid(Path file, String detail, Throwable cause) {
    return YamlFiles.invalid("MCAP mapping", file, detail, cause);
  }

}
