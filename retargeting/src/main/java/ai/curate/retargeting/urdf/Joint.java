package ai.curate.retargeting.urdf;

/**
 * A URDF joint. The transform from parent link to child link is
 * {@code T(originXyz, originRpy) * motion(axis, q)}; rpy are fixed-axis roll, pitch, yaw
 * (R = Rz(yaw) Ry(pitch) Rx(roll)), the axis is a unit vector in the child (joint) frame.
 *
 * <p>Joints without a finite range (continuous, fixed, floating) report lower = -inf and
 * upper = +inf; joints without a {@code <limit>} report velocity and effort limits of +inf.
 *
 * @param mimic null unless the joint copies another joint's coordinate
 */
public record Joint(
    String name,
    JointType type,
    String parent,
    String child,
    Vec3 originXyz,
    Vec3 originRpy,
    Vec3 axis,
    double lower,
    double upper,
    double velocityLimit,
    double effortLimit,
    Mimic mimic) {

  public boolean isMimic() {
    return mimic != null;
  }

  /** A coordinate the robot controls: one-DoF and not slaved to another joint by {@code <mimic>}. */
  public boolean isActuated() {
    return type.isOneDof() && mimic == null;
  }

  /** True when the position range is finite (revolute and prismatic joints). */
  public boolean hasPositionLimits() {
    return Double.isFinite(lower) && Double.isFinite(upper);
  }
}
