package ai.curate.jobs.human.egodex;

import java.util.Map;

/**
 * The pose content of one EgoDex HDF5 file, with every hand keypoint already in the camera frame of its frame (the
 * inverse of {@code transforms/camera} times the joint's position), in MANO-21 order ({@link EgodexJoints}).
 *
 * @param frames N, the frame count of every transform dataset (frame i is video frame i)
 * @param intrinsics fx, fy, cx, cy from {@code camera/intrinsic}
 * @param attributes the file's root attributes as text (task, descriptions, environment, session, ...), by name
 * @param keypoints per side, N x 21 x 3 metres, flat (frame i, keypoint k, axis a at {@code (i * 21 + k) * 3 + a});
 *     meaningless where {@code valid} is false
 * @param confidences per side, N x 21 flat; the side is absent when any of its joints has no {@code confidences/}
 *     dataset (unknown, not zero)
 * @param valid per side and frame: the camera and all 21 joints of that hand have finite values (and the camera
 *     transform is invertible) at that frame
 * @param invalidHands hands (side and frame) left out because {@code valid} is false
 * @param firstInvalid where the first of them is and why, for the ledger; null when none
 */
public record EgodexRecording(
    int frames,
    double[] intrinsics,
    Map<String, String> attributes,
    Map<String, double[]> keypoints,
    Map<String, double[]> confidences,
    Map<String, boolean[]> valid,
    long invalidHands,
    String firstInvalid) {

  /** A root attribute's text, or null when the file has none (or a blank one) of that name. */
  public String attribute(String name) {
    String value = attributes.get(name);
    return value == null || value.isBlank() ? null : value;
  }
}
