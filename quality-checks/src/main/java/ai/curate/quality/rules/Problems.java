package ai.curate.quality.rules;

import ai.curate.quality.QualityRuleException;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a rule file, so one load reports them all; thrown as one {@link QualityRuleException}. */
public final class Problems {
  private final String source;
  private final List<String> items = new ArrayList<>();

  public Problems(String source) {
    this.source = source;
  }

  public void add(String message) {
    items.add(message);
  }

  public int count() {
    return items.size();
  }

  public ForRule forRule(String label) {
    return new ForRule(label);
  }

  public void throwIfAny() {
    if (!items.isEmpty()) {
      throw new QualityRuleException(source, items);
    }
  }

  /** Problems of one rule: "rule 'name': key 'k': message". */
  public final class ForRule {
    private final String label;

    private ForRule(String label) {
      this.label = label;
    }

    public void add(String key, String message) {
      items.add(label + ": key '" + key + "': " + message);
    }
  }
}
