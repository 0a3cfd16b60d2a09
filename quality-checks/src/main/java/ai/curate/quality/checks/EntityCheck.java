package ai.curate.quality.checks;

import ai.curate.quality.rules.Params;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** A check over one row per entity (episode or clip), computed as a Spark column. */
public interface EntityCheck extends BuiltinCheck {
  /** The rule's value as a double column (null when it cannot be computed). */
  Column value(Params params);

  /** Optional string column naming where the problem is (e.g. the worst camera). */
  default Column detail(Params params) {
    return functions.lit(null).cast("string");
  }
}
