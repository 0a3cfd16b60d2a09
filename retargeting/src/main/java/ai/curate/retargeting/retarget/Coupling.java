package ai.curate.retargeting.retarget;

import java.util.Map;

/**
 * A tendon-style linear coupling: {@code q[joint] = offset + sum(coefficient * q[source])}. The
 * coupled joint is not solved for; it follows its sources, and the solver accounts for it in the
 * Jacobian. Sources must be solved joints.
 */
public record Coupling(String joint, Map<String, Double> sources, Double offset) {
  public Coupling {
    offset = offset == null ? 0.0 : offset;
    sources = sources == null ? Map.of() : Map.copyOf(sources);
  }
}
