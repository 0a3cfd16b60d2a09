package ai.curate.retargeting.urdf;

/** An immutable 3-vector as written in a URDF attribute (xyz, rpy, axis). */
public record Vec3(double x, double y, double z) {
  public static final Vec3 ZERO = new Vec3(0, 0, 0);

  public double norm() {
    return Math.sqrt(x * x + y * y + z * z);
  }

  public Vec3 normalized() {
    double n = norm();
    return new Vec3(x / n, y / n, z / n);
  }

  public double[] toArray() {
    return new double[] {x, y, z};
  }
}
