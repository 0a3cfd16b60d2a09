package ai.curate.quality;

/**
 * A {@code fail} rule was violated by more than its allowed fraction of entities: the run must stop before
 * publishing. The message is one line naming every breached rule with its rate and the allowed fraction.
 */
public class QualityGateException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final QualityGate gate;

  public QualityGateException(QualityGate gate) {
    super(gate.describe());
    this.gate = gate;
  }

  public QualityGate gate() {
    return gate;
  }
}
