package ai.curate.transforms.align;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Wide aligned steps to silver rows, and the episode key the align stage carries through the alignment transforms.
 * Identities are (robot_id, session_id, episode_id): episode ids repeat across sessions, session ids across robots.
 */
class RobotTimestepsTest extends SparkTestBase {
  private static final List<String> CAMERAS = List.of("head");

  /** Three steps of episode e1 of session s1 of {@code robot}, from {@code startNs} on, every stream valid. */
  private Dataset<Row> wide(String robot, long startNs) {
    List<String> columns = new ArrayList<>(List.of("'" + robot + "' AS robot_id", "'s1' AS session_id",
        "'e1' AS episode_id", "id AS step_index", startNs + " + id AS ts_ns"));
    for (String s : RobotTimesteps.SIGNAL_STREAMS) {
      columns.addAll(List.of("array(CAST(id AS FLOAT)) AS " + s, "true AS " + s + "_valid",
          "0L AS " + s + "_staleness_ns"));
    }
    String camera = RobotSamples.CAMERA_PREFIX + "head";
    columns.addAll(List.of("id AS " + camera + "_source_seq", "0L AS " + camera + "_staleness_ns",
        "true AS " + camera + "_valid"));
    return spark().range(3).selectExpr(columns.toArray(new String[0]));
  }

  private Dataset<Row> episode(String robot) {
    return spark().sql("SELECT DATE'2026-01-15' AS capture_date, 'e1' AS episode_id, 's1' AS session_id, '" + robot
        + "' AS robot_id");
  }

  @Test
  void twoRobotsWithTheSameSessionAndEpisodeIdsDoNotMix() {
    List<Row> alone = RobotTimesteps.toSilver(wide("neo-1", 1000), episode("neo-1"), CAMERAS, "r")
        .orderBy("step_index").collectAsList();
    assertThat(alone).hasSize(3);

    Dataset<Row> both = RobotTimesteps.toSilver(wide("neo-1", 1000).unionByName(wide("neo-2", 5000)),
        episode("neo-1").unionByName(episode("neo-2")), CAMERAS, "r");

    assertThat(both.count()).isEqualTo(6);
    assertThat(both.where(col("robot_id").equalTo("neo-1")).orderBy("step_index").collectAsList()).isEqualTo(alone);
    // Each robot's steps keep their own times: nothing of the other robot's episode joined to them.
    assertThat(both.where(col("robot_id").equalTo("neo-2")).orderBy("step_index").collectAsList())
        .extracting(r -> r.<Long>getAs("ts_ns")).containsExactly(5000L, 5001L, 5002L);
  }

  @Test
  void theEpisodeKeySplitsBackIntoTheFullIdentity() {
    Dataset<Row> keyed = EpisodeKeys.keyed(spark().sql(
        "SELECT * FROM VALUES ('neo-1', 's1', 'e1', 1), ('neo-2', 's1', 'e1', 2), ('a\"b,[', 'x/y', 'e\\\\1', 3) "
            + "AS t(robot_id, session_id, episode_id, n)"));
    assertThat(keyed.select("episode_id").distinct().count()).as("one key per identity").isEqualTo(3);

    Dataset<Row> split = EpisodeKeys.split(keyed.drop("robot_id", "session_id"));
    assertThat(split.columns()).containsExactly("robot_id", "session_id", "episode_id", "n");
    assertThat(rowsToJava(split.orderBy("n").collectAsList())).containsExactly(
        new Object[] {"neo-1", "s1", "e1", 1}, new Object[] {"neo-2", "s1", "e1", 2},
        new Object[] {"a\"b,[", "x/y", "e\\1", 3});
  }
}
