package ai.curate.transforms;

import static org.apache.spark.sql.functions.col;

import org.apache.spark.sql.Column;

/**
 * Column references built from names that come from data (camera and stream names of manifests). Spark parses the
 * string given to {@code col()}: a dot splits it into qualifier and field, a backtick quotes. Ingest admits only
 * names of the documented identifier pattern, but a transform must not depend on that to resolve the right column:
 * rows written before that check, or by hand, reach it too.
 */
public final class SqlNames {
  private SqlNames() {}

  /** {@code name} quoted as one SQL identifier: in backticks, any backtick doubled. */
  public static String quoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** The column {@code name} of the relation aliased {@code qualifier}, whatever characters the name holds. */
  public static Column column(String qualifier, String name) {
    return col(qualifier + "." + quoted(name));
  }
}
