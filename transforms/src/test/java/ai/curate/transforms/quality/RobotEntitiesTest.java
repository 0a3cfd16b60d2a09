package ai.curate.transforms.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/**
 * Episode rows from hand-made bronze: counters count only flagged rows inside the episode's span on the robot clock
 * (clock offsets applied), and camera frame counts per camera follow the capture timestamps and the video.
 */
class RobotEntitiesTest extends SparkTestBase {
  private static final long MS = 1_000_000L;
  // The bronze columns RobotEntities reads (the full bronze schemas live with the ingest stages in jobs).
  private static final StructType STREAM = StructType.fromDDL(
      "robot_id STRING, session_id STRING, ts_ns BIGINT, clock_offset_ns BIGINT, has_nan BOOLEAN, duplicate_ts BOOLEAN, "
          + "out_of_order BOOLEAN");
  private static final StructType CAMERA_FRAMES = StructType.fromDDL(
      "robot_id STRING, session_id STRING, camera STRING, frame_index INT, capture_ts_ns BIGINT, clock_offset_ns BIGINT, "
          + "duplicate_ts BOOLEAN, out_of_order BOOLEAN");
  private static final StructType SESSIONS = StructType.fromDDL(
      "robot_id STRING, session_id STRING, cameras ARRAY<STRUCT<name: STRING, fps: DOUBLE>>");
  private static final StructType VIDEOS = StructType
      .fromDDL("robot_id STRING, session_id STRING, camera STRING, declared_frames BIGINT");
  private static final String ROBOT = "neo-1";
  private static final long JOINT_OFFSET = 100 * MS; // device clock 100 ms behind the robot clock

  @Test
  void countersAreConfinedToTheEpisodeThatOverlapsTheDefect() {
    Map<String, Row> rows = new java.util.TreeMap<>();
    for (Row r : build().collectAsList()) {
      rows.put(r.getAs("episode_id"), r);
    }
    Row e1 = rows.get("e1");
    Row e2 = rows.get("e2");
    // NaN at device 950 ms = robot 1050 ms: in e1 [1000, 2000]; a duplicate at robot 2500 ms is in neither.
    assertThat(e1.<Long>getAs("nan_count")).isEqualTo(1);
    assertThat(e1.<Long>getAs("duplicate_count")).isZero();
    assertThat(e1.<Long>getAs("out_of_order_count")).isZero();
    // Out of order at robot 3500 ms (e2), a NaN at device 1950 ms = robot 2050 ms just after e1 ends: neither.
    assertThat(e2.<Long>getAs("nan_count")).isZero();
    assertThat(e2.<Long>getAs("duplicate_count")).isZero();
    assertThat(e2.<Long>getAs("out_of_order_count")).isEqualTo(1);

    // Head at 10 fps from 0 ms: 11 capture timestamps in each 1 s episode, 10 expected. The video holds frames
    // 0..24 only, so e2's frames (30..40) are not decodable. wrist: in the manifest, no capture timestamps.
    assertThat(e1.getJavaMap(e1.fieldIndex("camera_expected_frames"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("head", 10L, "wrist", 5L));
    assertThat(e1.getJavaMap(e1.fieldIndex("camera_capture_frames"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("head", 11L));
    assertThat(e1.getJavaMap(e1.fieldIndex("camera_video_frames"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("head", 11L));
    assertThat(e2.getJavaMap(e2.fieldIndex("camera_video_frames"))).containsExactlyInAnyOrderEntriesOf(
        Map.of("head", 0L));
    assertThat(build().columns()).containsExactlyElementsOf(RobotEntities.COLUMNS);
  }

  /**
   * Identities are (robot_id, session_id, episode_id): a second robot with the same session and episode ids and the
   * same data on one date leaves each robot's rows exactly as they are alone (no doubled counters or rows).
   */
  @Test
  void twoRobotsWithTheSameSessionAndEpisodeIdsDoNotMix() {
    List<Row> alone = build().orderBy("episode_id").collectAsList();
    Dataset<Row> both = build(ROBOT, "neo-2");
    assertThat(both.count()).isEqualTo(2L * alone.size());
    for (String robot : List.of(ROBOT, "neo-2")) {
      assertThat(both.where(col("robot_id").equalTo(robot)).withColumn("robot_id", lit(ROBOT)).orderBy("episode_id")
          .collectAsList()).as(robot).isEqualTo(alone);
    }
  }

  private Dataset<Row> build() {
    return build(ROBOT);
  }

  /** The same session s1 with episodes e1, e2 and the same bronze rows for each of {@code robots}. */
  private Dataset<Row> build(String... robots) {
    StructType episodeSchema = new StructType().add("episode_id", DataTypes.StringType)
        .add("session_id", DataTypes.StringType).add("robot_id", DataTypes.StringType)
        .add("task", DataTypes.StringType).add("success", DataTypes.BooleanType)
        .add("start_ns", DataTypes.LongType).add("end_ns", DataTypes.LongType).add("duration_ns", DataTypes.LongType)
        .add("start_event_missing", DataTypes.BooleanType).add("end_event_missing", DataTypes.BooleanType)
        .add("step_count", DataTypes.LongType);
    List<Row> episodeRows = new ArrayList<>();
    List<Row> joints = new ArrayList<>();
    List<Row> frames = new ArrayList<>();
    List<Row> sessionRows = new ArrayList<>();
    List<Row> videoRows = new ArrayList<>();
    for (String robot : robots) {
      episodeRows.add(
          RowFactory.create("e1", "s1", robot, "fold", true, 1000 * MS, 2000 * MS, 1000 * MS, false, false, 30L));
      episodeRows.add(
          RowFactory.create("e2", "s1", robot, "wipe", false, 3000 * MS, 4000 * MS, 1000 * MS, false, false, 30L));
      joints.add(joint(robot, 950 * MS, true, false, false)); // robot 1050: e1
      joints.add(joint(robot, 1950 * MS, true, false, false)); // robot 2050: after e1
      joints.add(joint(robot, 2400 * MS, false, true, false)); // robot 2500: between
      joints.add(joint(robot, 3400 * MS, false, false, true)); // robot 3500: e2
      joints.add(joint(robot, 3500 * MS, false, false, false)); // clean
      for (int k = 0; k < 50; k++) {
        frames.add(RowFactory.create(robot, "s1", "head", k, k * 100 * MS, 0L, false, false));
      }
      Row head = RowFactory.create("head", 10.0);
      Row wrist = RowFactory.create("wrist", 5.0);
      sessionRows.add(RowFactory.create(robot, "s1", List.of(head, wrist)));
      videoRows.add(RowFactory.create(robot, "s1", "head", 25L));
    }
    Dataset<Row> episodes = spark().createDataFrame(episodeRows, episodeSchema);
    Dataset<Row> jointStates = spark().createDataFrame(joints, STREAM);
    Dataset<Row> cameraFrames = spark().createDataFrame(frames, CAMERA_FRAMES);
    Dataset<Row> sessions = spark().createDataFrame(sessionRows, SESSIONS);
    Dataset<Row> videos = spark().createDataFrame(videoRows, VIDEOS);
    return RobotEntities.build(episodes, List.of(jointStates), cameraFrames, sessions, videos);
  }

  private static Row joint(String robot, long deviceTs, boolean nan, boolean duplicate, boolean outOfOrder) {
    return RowFactory.create(robot, "s1", deviceTs, JOINT_OFFSET, nan, duplicate, outOfOrder);
  }
}
