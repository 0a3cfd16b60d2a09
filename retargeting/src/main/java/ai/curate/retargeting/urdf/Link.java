package ai.curate.retargeting.urdf;

/** A URDF link. Geometry and inertia are not kept: kinematics only needs the frame. */
public record Link(String name) {}
