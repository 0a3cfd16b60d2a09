package ai.curate.retargeting.urdf;

/** {@code q = multiplier * q(joint) + offset}, URDF's {@code <mimic>}. */
public record Mimic(String joint, double multiplier, double offset) {}
