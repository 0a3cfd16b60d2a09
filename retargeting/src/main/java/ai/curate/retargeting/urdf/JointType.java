package ai.curate.retargeting.urdf;

import java.util.Locale;

/** URDF joint types. Planar is accepted by URDF but not by this project (no hand or arm uses it). */
public enum JointType {
  REVOLUTE,
  CONTINUOUS,
  PRISMATIC,
  FIXED,
  /** A 6-DoF joint whose pose comes from outside (e.g. a tracked base); kinematics treat it as identity. */
  FLOATING;

  public String urdfName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for joints with one scalar coordinate. */
  public boolean isOneDof() {
    return this == REVOLUTE || this == CONTINUOUS || this == PRISMATIC;
  }

  public boolean isRotational() {
    return this == REVOLUTE || this == CONTINUOUS;
  }

  static JointType fromUrdf(String value) {
    for (JointType t : values()) {
      if (t.urdfName().equals(value)) {
        return t;
      }
    }
    return null;
  }
}
