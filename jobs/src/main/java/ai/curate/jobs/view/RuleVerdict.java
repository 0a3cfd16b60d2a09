package ai.curate.jobs.view;

/** One row of gold.quality_report for the entity: a rule, what it measured and whether it passed. */
public record RuleVerdict(String rule, Double value, String threshold, boolean passed, String severity,
    String message) {
  /** A failed rule that holds the entity back (severity quarantine or fail). */
  public boolean holdsBack() {
    return !passed && !"warn".equals(severity);
  }
}
