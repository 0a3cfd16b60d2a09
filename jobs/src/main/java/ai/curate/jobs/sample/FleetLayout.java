package ai.curate.jobs.sample;

import java.util.List;

/** The streams and cameras every generated Neo session carries (names and kinds as in docs/raw-formats.md). */
final class FleetLayout {
  private FleetLayout() {}

  static final int TAXELS = 64;
  static final int VIDEO_WIDTH = 160;
  static final int VIDEO_HEIGHT = 120;

  enum Kind {
    JOINT_STATE("joint_state"),
    JOINT_COMMAND("joint_command"),
    WRENCH("wrench"),
    TACTILE("tactile");

    final String id;

    Kind(String id) {
      this.id = id;
    }
  }

  record StreamSpec(String name, Kind kind, int rateHz, Side side) {
    String file() {
      return "streams/" + name + ".arrow";
    }

    List<String> columns() {
      return switch (kind) {
        case JOINT_STATE -> List.of("position", "velocity", "effort");
        case JOINT_COMMAND -> List.of("position");
        case WRENCH -> List.of("force", "torque");
        case TACTILE -> List.of("pressure");
      };
    }

    int[] widths(int joints) {
      return switch (kind) {
        case JOINT_STATE -> new int[] {joints, joints, joints};
        case JOINT_COMMAND -> new int[] {joints};
        case WRENCH -> new int[] {3, 3};
        case TACTILE -> new int[] {TAXELS};
      };
    }

    /** Rows per Arrow record batch: one second of data, like a logger that flushes every second. */
    int batchRows() {
      return rateHz;
    }
  }

  record CameraSpec(String name, int fps) {
    String file() {
      return "cameras/" + name + ".mp4";
    }

    String framesFile() {
      return "cameras/" + name + ".frames.arrow";
    }
  }

  static final List<StreamSpec> STREAMS = List.of(
      new StreamSpec("joint_state", Kind.JOINT_STATE, 500, null),
      new StreamSpec("action", Kind.JOINT_COMMAND, 50, null),
      new StreamSpec("wrench_left", Kind.WRENCH, 1000, Side.LEFT),
      new StreamSpec("wrench_right", Kind.WRENCH, 1000, Side.RIGHT),
      new StreamSpec("tactile_left", Kind.TACTILE, 200, Side.LEFT),
      new StreamSpec("tactile_right", Kind.TACTILE, 200, Side.RIGHT));

  static final List<CameraSpec> CAMERAS = List.of(
      new CameraSpec("head", 30),
      new CameraSpec("wrist_right", 15));

  static StreamSpec stream(String name) {
    return STREAMS.stream().filter(s -> s.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no stream named " + name));
  }
}
