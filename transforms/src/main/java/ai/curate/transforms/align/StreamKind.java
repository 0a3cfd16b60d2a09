package ai.curate.transforms.align;

import java.util.Locale;

/** The stream kinds of a fleet bundle manifest (docs/raw-formats.md); default policies in docs/alignment.md. */
public enum StreamKind {
  JOINT_STATE,
  JOINT_COMMAND,
  WRENCH,
  TACTILE,
  CAMERA;

  /** The kind for a manifest {@code kind} string such as {@code "joint_state"}. */
  public static StreamKind fromManifest(String kind) {
    if (kind == null) {
      throw new IllegalArgumentException("Stream kind is missing; expected one of joint_state, joint_command, "
          + "wrench, tactile, camera");
    }
    try {
      return valueOf(kind.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Unknown stream kind '" + kind + "'; expected one of joint_state, "
          + "joint_command, wrench, tactile, camera (or configure the stream's policy explicitly)", e);
    }
  }

  /** The default policy; cameras need their frame rate, see {@link #defaultPolicy(double)}. */
  public StreamPolicy defaultPolicy() {
    switch (this) {
      case JOINT_STATE :
      case WRENCH :
        return StreamPolicy.linear(20 * StreamPolicy.MILLIS);
      case JOINT_COMMAND :
        return StreamPolicy.previous(50 * StreamPolicy.MILLIS);
      case TACTILE :
        return StreamPolicy.previous(20 * StreamPolicy.MILLIS);
      default :
        throw new IllegalArgumentException("The default camera policy depends on the frame rate: use "
            + "defaultPolicy(fps) or StreamPolicy.cameraDefault(fps)");
    }
  }

  /** The default policy; {@code fps} is used by cameras only. */
  public StreamPolicy defaultPolicy(double fps) {
    return this == CAMERA ? StreamPolicy.cameraDefault(fps) : defaultPolicy();
  }
}
