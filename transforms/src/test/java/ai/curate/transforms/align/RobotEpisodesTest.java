package ai.curate.transforms.align;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.testing.SparkTestBase;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** Which events make an episode, and whose session bounds fill a missing boundary. */
class RobotEpisodesTest extends SparkTestBase {
  private static final StructType EVENTS = StructType.fromDDL("capture_date DATE, session_id STRING, robot_id STRING,"
      + " ts_ns BIGINT, type STRING, episode_id STRING, task STRING, prompt STRING, success BOOLEAN");
  private static final StructType SESSIONS = StructType
      .fromDDL("robot_id STRING, session_id STRING, start_ts_ns BIGINT, end_ts_ns BIGINT");
  private static final Date DAY = Date.valueOf("2026-01-15");

  private static Row event(String robot, String session, long ts, String type, String episode) {
    return RowFactory.create(DAY, session, robot, ts, type, episode, "task", null, type.equals("episode_end"));
  }

  private List<Row> episodes(List<Row> events, List<Row> sessions) {
    Dataset<Row> out = RobotEpisodes.fromEvents(spark().createDataFrame(events, EVENTS),
        spark().createDataFrame(sessions, SESSIONS));
    return out.orderBy("robot_id", "episode_id").collectAsList();
  }

  @Test
  void aStrayEventWithoutBoundariesMakesNoEpisode() {
    List<Row> rows = episodes(
        List.of(event("neo-1", "s1", 100, "episode_start", "e1"), event("neo-1", "s1", 900, "episode_end", "e1"),
            event("neo-1", "s1", 500, "note", "phantom"), event("neo-1", "s1", 600, "intervention", "phantom")),
        List.of(RowFactory.create("neo-1", "s1", 0L, 1000L)));
    assertThat(rows).extracting(r -> r.<String>getAs("episode_id")).containsExactly("e1");
    assertThat(rows.get(0).<Long>getAs("start_ns")).isEqualTo(100L);
    assertThat(rows.get(0).<Long>getAs("end_ns")).isEqualTo(900L);
  }

  @Test
  void aMissingBoundaryIsFilledFromTheSameRobotsSessionAndFlagged() {
    // Two robots log a session with the same id: each episode takes its own robot's session bounds.
    List<Row> rows = episodes(
        List.of(event("neo-1", "s1", 100, "episode_start", "a"), event("neo-2", "s1", 250, "episode_start", "b")),
        List.of(RowFactory.create("neo-1", "s1", 0L, 1000L), RowFactory.create("neo-2", "s1", 200L, 3000L)));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(0).<Long>getAs("end_ns")).isEqualTo(1000L);
    assertThat(rows.get(1).<Long>getAs("end_ns")).isEqualTo(3000L);
    assertThat(rows).allMatch(r -> r.<Boolean>getAs("end_event_missing"));
  }

  @Test
  void anEpisodeThatEndsBeforeItStartsHasNoSpan() {
    List<Row> rows = episodes(
        List.of(event("neo-1", "s1", 900, "episode_start", "e1"), event("neo-1", "s1", 100, "episode_end", "e1")),
        List.of(RowFactory.create("neo-1", "s1", 0L, 1000L)));
    assertThat(rows).isEmpty();
  }
}
