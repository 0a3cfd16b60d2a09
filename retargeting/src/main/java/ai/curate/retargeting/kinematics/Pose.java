package ai.curate.retargeting.kinematics;

/** A rigid transform: position (x, y, z) and rotation as a row-major 3x3. Arrays are owned by the record. */
public record Pose(double[] position, double[] rotation) {
  public double[][] rotationRows() {
    return new double[][] {
        {rotation[0], rotation[1], rotation[2]},
        {rotation[3], rotation[4], rotation[5]},
        {rotation[6], rotation[7], rotation[8]}
    };
  }
}
