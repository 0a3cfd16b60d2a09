package ai.curate.jobs.sample;

/**
 * The ROS 2 message definitions ({@code ros2msg} schema texts) of the Neo MCAP mapping, each with its dependencies
 * appended after a separator line and a {@code MSG: pkg/Type} line, as rosbag2 stores them, so that any ROS 2 tool
 * (Foxglove, rosbag2, our decoders) can decode the messages from the file alone. Field lists are those of ROS 2
 * Humble; the comments of the upstream files are left out (they carry no meaning for decoding).
 */
public final class NeoRos2Schemas {
  private NeoRos2Schemas() {}

  public static final String JOINT_STATE = "sensor_msgs/msg/JointState";
  public static final String WRENCH_STAMPED = "geometry_msgs/msg/WrenchStamped";
  public static final String FLOAT32_MULTI_ARRAY = "std_msgs/msg/Float32MultiArray";
  public static final String COMPRESSED_IMAGE = "sensor_msgs/msg/CompressedImage";
  public static final String STRING = "std_msgs/msg/String";

  private static final String TIME = "int32 sec\nuint32 nanosec\n";
  private static final String HEADER = "builtin_interfaces/Time stamp\nstring frame_id\n";
  private static final String VECTOR3 = "float64 x\nfloat64 y\nfloat64 z\n";
  private static final String WRENCH = "Vector3 force\nVector3 torque\n";
  private static final String LAYOUT = "MultiArrayDimension[] dim\nuint32 data_offset\n";
  private static final String DIMENSION = "string label\nuint32 size\nuint32 stride\n";

  /** The schema text of {@code type}, one of the constants above. */
  public static String text(String type) {
    return switch (type) {
      case JOINT_STATE -> "std_msgs/Header header\n\nstring[] name\nfloat64[] position\nfloat64[] velocity\n"
          + "float64[] effort\n" + headerDependencies();
      case WRENCH_STAMPED -> "std_msgs/Header header\nWrench wrench\n" + headerDependencies()
          + dependency("geometry_msgs/Wrench", WRENCH) + dependency("geometry_msgs/Vector3", VECTOR3);
      case FLOAT32_MULTI_ARRAY -> "MultiArrayLayout layout\nfloat32[] data\n"
          + dependency("std_msgs/MultiArrayLayout", LAYOUT) + dependency("std_msgs/MultiArrayDimension", DIMENSION);
      case COMPRESSED_IMAGE -> "std_msgs/Header header\n\nstring format\nuint8[] data\n" + headerDependencies();
      case STRING -> "string data\n";
      default -> throw new IllegalArgumentException("no schema text for " + type);
    };
  }

  private static String headerDependencies() {
    return dependency("std_msgs/Header", HEADER) + dependency("builtin_interfaces/Time", TIME);
  }

  private static String dependency(String name, String text) {
    return "=".repeat(80) + "\nMSG: " + name + "\n" + text;
  }
}
