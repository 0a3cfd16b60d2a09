package ai.curate.transforms.gold;

import static org.apache.spark.sql.functions.col;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * A published entity is (source, robot_id, session_id, dataset, episode_id): a robot episode id is unique only within
 * its robot's session and a clip id within its dataset, so steps, verdicts and metadata are matched on all of these,
 * never on the id alone. A fleet entity has no dataset and a human one no robot or session: those are null on both
 * sides, so the join treats null as equal to null.
 */
public final class GoldEntities {
  private GoldEntities() {}

  /** The columns identifying a published episode or clip. */
  public static final List<String> KEY = List.of(GoldColumns.SOURCE, GoldColumns.ROBOT_ID, GoldColumns.SESSION_ID,
      GoldColumns.DATASET, GoldColumns.EPISODE_ID);

  private static final String RIGHT = "__entity_";

  /**
   * {@code left} joined with {@code right} on {@link #KEY} (null equal to null), with {@code joinType} ("inner",
   * "left", "left_anti", ...): left's columns, then right's other columns. Right's other columns must not share a
   * name with left's; both must have every key column.
   *
   * @param broadcastRight hint that {@code right} is small (verdicts, metadata: one row per entity)
   */
  public static Dataset<Row> join(Dataset<Row> left, Dataset<Row> right, String joinType, boolean broadcastRight) {
    Dataset<Row> renamed = right;
    for (String c : KEY) {
      renamed = renamed.withColumnRenamed(c, RIGHT + c);
    }
    if (broadcastRight) {
      renamed = functions.broadcast(renamed);
    }
    Column on = null;
    for (String c : KEY) {
      Column same = col(c).eqNullSafe(col(RIGHT + c));
      on = on == null ? same : on.and(same);
    }
    Dataset<Row> joined = left.join(renamed, on, joinType);
    if (joinType.equals("left_anti") || joinType.equals("left_semi")) {
      return joined;
    }
    return joined.drop(KEY.stream().map(c -> RIGHT + c).toArray(String[]::new));
  }

  /** The key columns, in {@link #KEY} order. */
  public static Column[] columns() {
    return KEY.stream().map(c -> col(c)).toArray(Column[]::new);
  }
}
