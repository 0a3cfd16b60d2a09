package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignmentColumns.EPISODE_ID;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.to_json;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Robot identities: a session is (robot_id, session_id) and an episode (robot_id, session_id, episode_id), since
 * session ids are only unique per robot and episode ids per session. Joins between robot tables key on these.
 *
 * <p>The alignment transforms ({@link Alignment}, {@link AlignmentGrids}, {@link AlignmentPivot}) group by one string
 * column, {@code episode_id}. The align stage therefore hands them an episode key in that column, made from the full
 * identity by {@link #keyed}, and turns it back into the three columns with {@link #split} afterwards. The key is the
 * JSON array of the three ids: unambiguous whatever characters the ids hold.
 */
public final class EpisodeKeys {
  private EpisodeKeys() {}

  public static final String ROBOT_ID = "robot_id";
  public static final String SESSION_ID = "session_id";

  /** The columns identifying a session. */
  public static final List<String> SESSION = List.of(ROBOT_ID, SESSION_ID);

  /** The columns identifying an episode. */
  public static final List<String> EPISODE = List.of(ROBOT_ID, SESSION_ID, EPISODE_ID);

  /** The episode key of a row with robot_id, session_id and episode_id. */
  public static Column key() {
    return to_json(array(col(ROBOT_ID), col(SESSION_ID), col(EPISODE_ID)));
  }

  /**
   * {@code episodes} (robot_id, session_id, episode_id, ...) for the alignment transforms: the episode key in
   * {@code episode_id}, robot_id and session_id kept (the session join key), the other columns as they were.
   */
  public static Dataset<Row> keyed(Dataset<Row> episodes) {
    return episodes.withColumn(EPISODE_ID, key());
  }

  /**
   * Rows whose {@code episode_id} holds an episode key: robot_id, session_id and episode_id of that key first, then the
   * other columns (any robot_id or session_id among them replaced).
   *
   * <p>The identities come from {@code episodes}, the episodes the keys were made from (small, so broadcast), not from
   * parsing the key: Spark folds a parse of the JSON key into the expressions that built it, then infers filters on
   * them that its code generator cannot compile, and falls back to slow interpreted execution.
   *
   * @param episodes robot_id, session_id, episode_id: the episodes before {@link #keyed}
   */
  public static Dataset<Row> split(Dataset<Row> keyed, Dataset<Row> episodes) {
    Dataset<Row> identities = episodes.select(key().as(KEY), col(ROBOT_ID), col(SESSION_ID), col(EPISODE_ID))
        .distinct();
    List<Column> out = new ArrayList<>(List.of(col(ROBOT_ID), col(SESSION_ID), col(EPISODE_ID)));
    Dataset<Row> rows = keyed;
    for (String c : keyed.columns()) {
      if (EPISODE.contains(c) && !c.equals(EPISODE_ID)) {
        rows = rows.drop(c);
      } else if (!c.equals(EPISODE_ID)) {
        out.add(col(c));
      }
    }
    return rows.withColumnRenamed(EPISODE_ID, KEY).join(broadcast(identities), KEY)
        .select(out.toArray(new Column[0]));
  }

  private static final String KEY = "_episode_key";
}
