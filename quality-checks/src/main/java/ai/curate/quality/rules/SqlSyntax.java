package ai.curate.quality.rules;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;

/** Checks that a rule's SQL parses, with the parser of a live session (Spark's own grammar and settings). */
@FunctionalInterface
public interface SqlSyntax {
  /** Null when {@code expression} parses, else a one-line reason. */
  String problem(String expression);

  /** Accepts everything: loading without a session defers SQL errors to evaluation. */
  static SqlSyntax unchecked() {
    return e -> null;
  }

  static SqlSyntax of(SparkSession spark) {
    if (spark == null) {
      return unchecked();
    }
    return expression -> {
      try {
        spark.sessionState().sqlParser().parseExpression(expression);
        return null;
      } catch (ParseException e) {
        String message = e.getMessage() == null ? "syntax error" : e.getMessage().strip();
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl).strip();
      }
    };
  }
}
