package ai.curate.transforms.align;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.testing.SparkTestBase;
import ai.curate.transforms.SqlNames;
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
    return wide(robot, startNs, "head");
  }

  /** {@link #wide(String, long)} with one camera named {@code cameraName}. */
  private Dataset<Row> wide(String robot, long startNs, String cameraName) {
    List<String> columns = new ArrayList<>(List.of("'" + robot + "' AS robot_id", "'s1' AS session_id",
        "'e1' AS episode_id", "id AS step_index", startNs + " + id AS ts_ns"));
    for (String s : RobotTimesteps.SIGNAL_STREAMS) {
      columns.addAll(List.of("array(CAST(id AS FLOAT)) AS " + s, "true AS " + s + "_valid",
          "0L AS " + s + "_staleness_ns"));
    }
    String camera = RobotSamples.CAMERA_PREFIX + cameraName;
    columns.addAll(List.of("id AS " + SqlNames.quoted(camera + "_source_seq"),
        "0L AS " + SqlNames.quoted(camera + "_staleness_ns"), "true AS " + SqlNames.quoted(camera + "_valid")));
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

  /**
   * Camera names become column names. Ingest refuses a name like {@code wrist.right}, but one in bronze from before
   * that check (or written by hand) must still resolve to its own column, not fail the date as an unresolved column.
   */
  @Test
  void cameraNamesWithDotsOrBackticksResolveToTheirOwnColumns() {
    for (String name : List.of("wrist.right", "odd`name")) {
      Row first = RobotTimesteps.toSilver(wide("neo-1", 1000, name), episode("neo-1"), List.of(name), "r")
          .orderBy("step_index").first();
      assertThat(first.<String, Integer>getJavaMap(first.fieldIndex("camera_frame_index"))).as(name)
          .containsExactly(org.assertj.core.api.Assertions.entry(name, 0));
      assertThat(first.<Boolean>getAs("cameras_valid")).as(name).isTrue();
    }
  }

  @Test
  void theEpisodeKeySplitsBackIntoTheFullIdentity() {
    Dataset<Row> episodes = spark().sql(
        "SELECT * FROM VALUES ('neo-1', 's1', 'e1', 1), ('neo-2', 's1', 'e1', 2), ('a\"b,[', 'x/y', 'e\\\\1', 3) "
            + "AS t(robot_id, session_id, episode_id, n)");
    Dataset<Row> keyed = EpisodeKeys.keyed(episodes);
    assertThat(keyed.select("episode_id").distinct().count()).as("one key per identity").isEqualTo(3);

    Dataset<Row> split = EpisodeKeys.split(keyed.drop("robot_id", "session_id"), episodes.drop("n"));
    assertThat(split.columns()).containsExactly("robot_id", "session_id", "episode_id", "n");
    assertThat(rowsToJava(split.orderBy("n").collectAsList())).containsExactly(
        new Object[] {"neo-1", "s1", "e1", 1}, new Object[] {"neo-2", "s1", "e1", 2},
        new Object[] {"a\"b,[", "x/y", "e\\1", 3});
  }

  /**
   * The align stage's shape: episodes keyed, a grid from frame times, steps counted per key, split and joined back to
   * the episodes. Spark folds a key split by parsing it into the expressions that made it, and generated code it
   * cannot compile for the filter it infers from them (it then falls back to slow interpreted execution and logs a
   * compiler trace in the middle of a run). With fallback off, that is an error. Read from files: rows given inline
   * are evaluated without generated code.
   */
  @Test
  void splittingTheKeyAfterAnAggregateCompilesToGeneratedCode(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    spark().sql("SELECT * FROM VALUES ('neo-1', 's1', 'e1', 10L, 20L), ('neo-2', 's1', 'e1', 30L, NULL) "
        + "AS t(robot_id, session_id, episode_id, start_event_ns, end_event_ns)").write()
        .parquet(dir.resolve("episodes").toString());
    spark().sql("SELECT * FROM VALUES ('neo-1', 's1', 12L), ('neo-1', 's1', 15L), ('neo-2', 's1', 31L) "
        + "AS t(robot_id, session_id, ts_ns)").write().parquet(dir.resolve("frames").toString());
    String fallback = spark().conf().get("spark.sql.codegen.fallback");
    spark().conf().set("spark.sql.codegen.fallback", "false");
    try {
      Dataset<Row> episodes = spark().read().parquet(dir.resolve("episodes").toString())
          .withColumn("start_ns", col("start_event_ns"))
          .withColumn("end_ns", org.apache.spark.sql.functions.coalesce(col("end_event_ns"), lit(40L)));
      Dataset<Row> keyed = EpisodeKeys.keyed(episodes);
      Dataset<Row> grid = AlignmentGrids.fromFrameTimes(spark().read().parquet(dir.resolve("frames").toString()),
          keyed, EpisodeKeys.SESSION);
      Dataset<Row> steps = EpisodeKeys.split(grid.groupBy("episode_id").agg(count(lit(1)).as("n")), episodes);
      List<Row> joined = episodes.join(steps, scala.collection.JavaConverters.asScalaBuffer(EpisodeKeys.EPISODE)
          .toSeq(), "left").orderBy("robot_id").select("robot_id", "n").collectAsList();
      assertThat(rowsToJava(joined)).containsExactly(new Object[] {"neo-1", 2L}, new Object[] {"neo-2", 1L});
    } finally {
      spark().conf().set("spark.sql.codegen.fallback", fallback);
    }
  }
}
