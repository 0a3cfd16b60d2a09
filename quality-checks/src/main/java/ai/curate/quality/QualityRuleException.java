package ai.curate.quality;

import java.util.List;

/**
 * A quality rule file or a rule's input that cannot be used: an unknown built-in check, a missing or mistyped
 * parameter, a bad severity, SQL that does not parse, a column a rule needs but the data lacks. It is a user error
 * (the configuration or the input is wrong, not the program), so it extends {@link IllegalArgumentException}; the
 * CLI prints its first line. The message names the file, the rule and the key at fault and says what to change.
 */
public class QualityRuleException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public QualityRuleException(String message) {
    super(message);
    this.problems = List.of(message);
  }

  /** One exception for several problems found in one pass, so a user fixes a file in one round. */
  public QualityRuleException(String where, List<String> problems) {
    super(where + ": " + (problems.size() == 1
        ? problems.get(0)
        : problems.size() + " problems: " + String.join("; ", problems)));
    this.problems = List.copyOf(problems);
  }

  public QualityRuleException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(message);
  }

  /** Each problem on its own, e.g. for tests or for listing them one a line. */
  public List<String> problems() {
    return problems;
  }
}
