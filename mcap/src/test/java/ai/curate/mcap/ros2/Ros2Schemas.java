package ai.curate.mcap.ros2;

/**
 * Real ROS 2 message definitions (from ros2/common_interfaces, rcl_interfaces, test_msgs), laid out as rosbag2 stores
 * them in MCAP schemas: the root definition, then each dependency after a line of '=' and {@code MSG: pkg/Type}.
 */
final class Ros2Schemas {
  private Ros2Schemas() {}

  static final String SEPARATOR = "=".repeat(80) + "\n";

  static final String HEADER = """
      # Standard metadata for higher-level stamped data types.
      # This is generally used to communicate timestamped data
      # in a particular coordinate frame.

      # Two-integer timestamp that is expressed as seconds and nanoseconds.
      builtin_interfaces/Time stamp

      # Transform frame with which this data is associated.
      string frame_id
      """;

  static final String TIME = """
      # This message communicates ROS Time defined here:
      # https://design.ros2.org/articles/clock_and_time.html

      # The seconds component, valid over all int32 values.
      int32 sec

      # The nanoseconds component, valid in the range [0, 10e9).
      uint32 nanosec
      """;

  static final String JOINT_STATE = """
      # This is a message that holds data to describe the state of a set of torque controlled joints.
      #
      # The state of each joint (revolute or prismatic) is defined by:
      #  * the position of the joint (rad or m),
      #  * the velocity of the joint (rad/s or m/s) and
      #  * the effort that is applied in the joint (Nm or N).
      #
      # Each joint is uniquely identified by its name
      # The header specifies the time at which the joint states were recorded. All the joint states
      # in one message have to be recorded at the same time.
      #
      # This message consists of a multiple arrays, one for each part of the joint state.
      # The goal is to make each of the fields optional. When e.g. your joints have no
      # effort associated with them, you can leave the effort array empty.
      #
      # All arrays in this message should have the same size, or be empty.
      # This is the only way to uniquely associate the joint name with the correct
      # states.

      std_msgs/Header header

      string[] name
      float64[] position
      float64[] velocity
      float64[] effort

      """ + SEPARATOR + "MSG: std_msgs/Header\n" + HEADER + "\n" + SEPARATOR + "MSG: builtin_interfaces/Time\n" + TIME;

  static final String WRENCH_STAMPED = """
      # A wrench with reference coordinate frame and timestamp
      std_msgs/Header header
      Wrench wrench

      """ + SEPARATOR + "MSG: std_msgs/Header\n" + HEADER + "\n" + SEPARATOR + "MSG: builtin_interfaces/Time\n" + TIME
      + "\n" + SEPARATOR + """
          MSG: geometry_msgs/Wrench
          # This represents force in free space, separated into its linear and angular parts.
          Vector3  force
          Vector3  torque

          """ + SEPARATOR + """
          MSG: geometry_msgs/Vector3
          # This represents a vector in free space.

          # This is semantically different than a point.
          # A vector is always anchored at the origin.
          # When a transform is applied to a vector, it is unaffected by translation.

          float64 x
          float64 y
          float64 z
          """;

  static final String FLOAT32_MULTI_ARRAY = """
      # Please look at the MultiArrayLayout message definition for
      # documentation on all multiarrays.

      MultiArrayLayout  layout        # specification of data layout
      float32[]         data          # array of data

      """ + SEPARATOR + """
      MSG: std_msgs/MultiArrayLayout
      # The multiarray declares a generic multi-dimensional array of a
      # particular data type.  Dimensions are ordered from outer most
      # to inner most.
      #
      # multiarray(i,j,k) = data[data_offset + dim_stride[1]*i + dim_stride[2]*j + k]
      #
      # A standard, 3-channel 640x480 image with interleaved color channels
      # would be specified as:
      #
      # dim[0].label  = "height"
      # dim[0].size   = 480
      # dim[0].stride = 3*640*480 = 921600  (note dim[0] stride is just size of image)
      #
      # multiarray(i,j,k) refers to the ith row, jth column, and kth channel.

      MultiArrayDimension[] dim # Array describing multiarray dimensions
      uint32 data_offset        # padding elements at front of data

      """ + SEPARATOR + """
      MSG: std_msgs/MultiArrayDimension
      string label   # label of given dimension
      uint32 size    # size of given dimension (in type units)
      uint32 stride  # stride of given dimension
      """;

  static final String COMPRESSED_IMAGE = """
      # This message contains a compressed image.

      std_msgs/Header header # Header timestamp should be acquisition time of image
                                   # Header frame_id should be optical frame of camera
                                   # origin of frame should be optical center of cameara
                                   # +x should point to the right in the image
                                   # +y should point down in the image
                                   # +z should point into to plane of the image

      string format                # Specifies the format of the data
                                   #   Acceptable values differ by the image transport used:
                                   #   - compressed_image_transport:
                                   #       ORIG_PIXFMT; CODEC compressed [COMPRESSED_PIXFMT]
                                   #     - CODEC is one of [jpeg, png, tiff]

      uint8[] data                 # Compressed image buffer

      """ + SEPARATOR + "MSG: std_msgs/Header\n" + HEADER + "\n" + SEPARATOR + "MSG: builtin_interfaces/Time\n" + TIME;

  /** rcl_interfaces/msg/Log; left without its builtin_interfaces/Time dependency, as some writers do. */
  static final String LOG = """
      ##
      ## Severity level constants
      ##
      ## These logging levels follow the Python Standard
      ## https://docs.python.org/3/library/logging.html#logging-levels
      ##

      # Debug is for pedantic information, which is useful when debugging issues.
      byte DEBUG=10

      # Info is the standard informational level and is used to report expected
      # information.
      byte INFO=20

      # Warning is for information that may potentially cause issues or possibly unexpected
      # behavior.
      byte WARN=30

      # Error is for information that this node cannot resolve.
      byte ERROR=40

      # Information about a impending node shutdown.
      byte FATAL=50

      ##
      ## Fields
      ##

      # Timestamp when this message was generated by the node.
      builtin_interfaces/Time stamp

      # Corresponding log level, see above definitions.
      uint8 level

      # The name representing the logger this message came from.
      string name

      # The full log message.
      string msg

      # The file the message came from.
      string file

      # The function the message came from.
      string function

      # The line in the file the message came from.
      uint32 line
      """;

  static final String BASIC_TYPES = """
      bool bool_value
      byte byte_value
      char char_value
      float32 float32_value
      float64 float64_value
      int8 int8_value
      uint8 uint8_value
      int16 int16_value
      uint16 uint16_value
      int32 int32_value
      uint32 uint32_value
      int64 int64_value
      uint64 uint64_value
      """;

  /** Arrays of every primitive, fixed, bounded and unbounded, plus strings and nested messages (curate's own). */
  static final String ARRAYS = """
      bool[] bools
      byte[] bytes
      char[3] chars
      int8[] int8s
      uint8[<=4] uint8s
      int16[] int16s
      uint16[2] uint16s
      int32[] int32s
      uint32[] uint32s
      int64[] int64s
      uint64[] uint64s
      float32[] float32s
      float64[3] float64s
      string[] strings
      string<=8[<=3] bounded_strings
      string[2] fixed_strings
      Point[] points
      Point[2] fixed_points
      Nested nested
      Empty empty
      uint8 last
      """ + SEPARATOR + """
      MSG: curate_test/Point
      float64 x
      uint8 tag
      int64 id
      """ + SEPARATOR + """
      MSG: curate_test/Nested
      Point[] points
      string label
      float64[] values
      """ + SEPARATOR + """
      MSG: curate_test/Empty
      """;
}
