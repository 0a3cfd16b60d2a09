package ai.curate.jobs.human.egodex;

import java.util.List;

/**
 * EgoDex's tracked hand joints (ARKit hand-skeleton names under {@code transforms/}) in this project's MANO-21 keypoint
 * order (docs/raw-formats.md, pose.jsonl): 0 the wrist ({@code <side>Hand}), then per finger, thumb to little, the
 * knuckle, the intermediate base, the intermediate tip and the tip. ARKit's four finger metacarpals
 * ({@code <side><Finger>FingerMetacarpal}) have no MANO-21 keypoint and are not read; the thumb has no metacarpal
 * joint in ARKit, its knuckle is the carpometacarpal joint.
 */
public final class EgodexJoints {
  private EgodexJoints() {}

  /** The sides, in the order the pose rows list hands (as the sample's pose.jsonl does). */
  public static final List<String> SIDES = List.of("right", "left");

  /** The transform that gives every keypoint's frame of reference: the camera's pose in the world. */
  public static final String CAMERA = "camera";

  private static final String[] FINGERS = {"Thumb", "IndexFinger", "MiddleFinger", "RingFinger", "LittleFinger"};
  private static final String[] SEGMENTS = {"Knuckle", "IntermediateBase", "IntermediateTip", "Tip"};

  /** The 21 joint names of one side ({@code "left"} or {@code "right"}), keypoint k at index k. */
  public static List<String> of(String side) {
    String prefix = switch (side) {
      case "left" -> "left";
      case "right" -> "right";
      default -> throw new IllegalArgumentException("side must be left or right, got " + side);
    };
    String[] names = new String[21];
    names[0] = prefix + "Hand";
    int k = 1;
    for (String finger : FINGERS) {
      for (String segment : SEGMENTS) {
        names[k++] = prefix + finger + segment;
      }
    }
    return List.of(names);
  }
}
