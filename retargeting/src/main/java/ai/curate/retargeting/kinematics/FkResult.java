package ai.curate.retargeting.kinematics;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * The answer of {@code curate fk}: the pose of {@code tip} in the frame of {@code base}, position in
 * metres and rotation as three rows. Serialises to
 * {@code {"base": .., "tip": .., "position": [x,y,z], "rotation": [[3],[3],[3]]}}.
 */
@JsonPropertyOrder({"base", "tip", "position", "rotation"})
public record FkResult(String base, String tip, double[] position, double[][] rotation) {
  public static FkResult of(String base, String tip, Pose pose) {
    return new FkResult(base, tip, pose.position().clone(), pose.rotationRows());
  }
}
