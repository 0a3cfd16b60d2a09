package ai.curate.retargeting.retarget;

/** Which frame a clip's hand keypoints are given in (clip.json {@code keypoint_frame}). */
public enum KeypointFrame {
  /** The camera frame: the wrist frame is estimated from the keypoints themselves. */
  CAMERA,
  /** Already wrist-centred and rotated into the MANO wrist frame. */
  WRIST;

  public static KeypointFrame parse(String value) {
    if (value == null || value.isBlank() || value.equals("camera")) {
      return CAMERA;
    }
    if (value.equals("wrist")) {
      return WRIST;
    }
    throw new IllegalArgumentException("keypoint_frame must be \"camera\" or \"wrist\", got \"" + value + "\"");
  }
}
