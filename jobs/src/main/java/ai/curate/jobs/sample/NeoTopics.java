package ai.curate.jobs.sample;

/**
 * The topics of the Neo MCAP mapping v1 ({@code configs/mcap/neo.yaml}, docs/raw-formats.md) for the generator's
 * streams and cameras. McapMappingTest checks that the shipped mapping file says the same.
 */
final class NeoTopics {
  private NeoTopics() {}

  static final String EVENTS = "/events";
  /** The Metadata record that names the session. */
  static final String SESSION_METADATA = "session";

  static String stream(FleetLayout.StreamSpec spec) {
    return switch (spec.kind()) {
      case JOINT_STATE -> "/joint_states";
      case JOINT_COMMAND -> "/joint_commands";
      case WRENCH -> "/wrist_ft/" + spec.side().label;
      case TACTILE -> "/tactile/" + spec.side().label;
    };
  }

  static String messageType(FleetLayout.StreamSpec spec) {
    return switch (spec.kind()) {
      case JOINT_STATE, JOINT_COMMAND -> NeoRos2Schemas.JOINT_STATE;
      case WRENCH -> NeoRos2Schemas.WRENCH_STAMPED;
      case TACTILE -> NeoRos2Schemas.FLOAT32_MULTI_ARRAY;
    };
  }

  static String cameraImage(String camera) {
    return "/camera/" + camera + "/image/compressed";
  }
}
