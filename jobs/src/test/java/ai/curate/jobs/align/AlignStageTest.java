package ai.curate.jobs.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetSchemas;
import ai.curate.jobs.fleet.StreamKind;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.DeltaTableWriter;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import ai.curate.testing.SparkTestBase;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The align stage on hand-made bronze tables whose signals are linear in robot time, so every aligned value is known
 * exactly: clock offsets applied once, the head-camera grid inside each episode, a missing stream invalid (not
 * zero), a missing end event flagged, and a rerun leaves the same silver rows.
 */
class AlignStageTest extends SparkTestBase {
  private static final LocalDate DATE = LocalDate.parse("2026-01-15");
  private static final long MS = 1_000_000L;
  private static final long WRENCH_OFFSET = 2 * MS; // device clock 2 ms behind the robot clock
  private static final long CAMERA_OFFSET = -5 * MS; // device clock 5 ms ahead
  private static final String ROBOT = "neo-0001";

  private CurateConfig config;
  private DeltaTableWriter writer;

  @BeforeEach
  void bronze() throws Exception {
    config = ConfigFixtures.withSettings(Map.of("paths.raw", "raw", "paths.warehouse", "wh", "catalog.kind", "session"))
        .load(temp);
    writer = new DeltaTableWriter(spark(), config.paths().warehouse());

    writeBronze(List.of(ROBOT));
  }

  /** The same session s1, episodes e1 and e2 and samples for each robot of {@code robots}. */
  private void writeBronze(List<String> robots) {
    List<Row> sessions = new ArrayList<>();
    List<Row> events = new ArrayList<>();
    List<Row> joints = new ArrayList<>();
    List<Row> commands = new ArrayList<>();
    List<Row> wrenches = new ArrayList<>();
    List<Row> tactile = new ArrayList<>();
    List<Row> frames = new ArrayList<>();
    for (String robot : robots) {
      sessions.add(sessionRow(robot));
      events.addAll(List.of(
          event(robot, 1, 1_000 * MS, "episode_start", "e1", "fold_towel", null),
          event(robot, 2, 1_100 * MS, "episode_end", "e1", null, true),
          event(robot, 3, 1_200 * MS, "episode_start", "e2", "wipe_table", null)));
      // Joint state 500 Hz on the robot clock: position = [t, 2t] (t in s), velocity [1, 2], effort [0.5, 0.5].
      joints.addAll(stream(robot, "joint_state", 0, 2 * MS, 960 * MS, 1_340 * MS,
          t -> new Object[] {floats(sec(t), 2 * sec(t)), floats(1, 2), floats(0.5, 0.5)}));
      commands.addAll(stream(robot, "action", 0, 20 * MS, 960 * MS, 1_340 * MS,
          t -> new Object[] {floats(10 * sec(t), 0)}));
      // Wrench 1 kHz on a device clock: force = [t_robot, 0, 0] where t_robot = device ts + offset.
      wrenches.addAll(stream(robot, "wrench_left", WRENCH_OFFSET, MS, 960 * MS, 1_340 * MS,
          t -> new Object[] {floats(sec(t + WRENCH_OFFSET), 0, 0), floats(0, 0, 0)}));
      tactile.addAll(stream(robot, "tactile_left", 0, 5 * MS, 960 * MS, 1_340 * MS,
          t -> new Object[] {floats(1, 2, 3, 4)}));
      frames.addAll(cameraFrames(robot));
    }
    write(Tables.SESSIONS, FleetSchemas.SESSIONS, sessions);
    write(Tables.EVENTS, FleetSchemas.EVENTS, events);
    write(Tables.JOINT_STATES, FleetSchemas.stream(StreamKind.JOINT_STATE), joints);
    write(Tables.JOINT_COMMANDS, FleetSchemas.stream(StreamKind.JOINT_COMMAND), commands);
    write(Tables.WRENCHES, FleetSchemas.stream(StreamKind.WRENCH), wrenches);
    write(Tables.TACTILE, FleetSchemas.stream(StreamKind.TACTILE), tactile);
    write(Tables.CAMERA_FRAMES, FleetSchemas.stream(StreamKind.CAMERA_FRAMES), frames);
  }

  @Test
  void alignsEveryModalityOnTheHeadCameraGrid() {
    StageResult result = new AlignStage().run(new StageContext(spark(), config, DATE, "run-1"));
    assertThat(result.counts()).containsEntry("episodes", 2L);

    List<Row> steps = silver(Tables.ROBOT_TIMESTEPS).where("episode_id = 'e1'").orderBy("step_index").collectAsList();
    // Head frames every 40 ms on the device clock from 965 ms, i.e. 960 ms + 40k on the robot clock; inside
    // [1000, 1100] ms: 1000, 1040, 1080.
    assertThat(steps).extracting(r -> r.<Long>getAs("ts_ns")).containsExactly(1_000 * MS, 1_040 * MS, 1_080 * MS);
    for (Row r : steps) {
      double t = sec(r.<Long>getAs("ts_ns"));
      List<Float> position = r.getList(r.fieldIndex("joint_position"));
      assertThat(position.get(0)).isCloseTo((float) t, within(1e-6f));
      assertThat(position.get(1)).isCloseTo((float) (2 * t), within(1e-6f));
      assertThat(r.<Boolean>getAs("joint_state_valid")).isTrue();
      List<Float> wrench = r.getList(r.fieldIndex("wrench_left"));
      assertThat(wrench).hasSize(6);
      assertThat(wrench.get(0)).as("wrench offset applied once").isCloseTo((float) t, within(1e-6f));
      assertThat(r.<Boolean>getAs("wrench_right_valid")).as("no wrench_right stream: invalid, not zero").isFalse();
      assertThat(r.isNullAt(r.fieldIndex("wrench_right"))).isTrue();
      assertThat(r.<Boolean>getAs("tactile_left_valid")).isTrue();
      assertThat(r.<Boolean>getAs("action_valid")).isTrue();
      Map<String, Integer> frames = r.getJavaMap(r.fieldIndex("camera_frame_index"));
      assertThat(frames.get("head")).isEqualTo((int) ((r.<Long>getAs("ts_ns") - 960 * MS) / (40 * MS)));
      assertThat(r.<Boolean>getAs("cameras_valid")).isTrue();
      assertThat(r.<String>getAs("session_id")).isEqualTo("s1");
      assertThat(r.<String>getAs("robot_id")).isEqualTo("neo-0001");
    }
    // Commands are the previous sample (20 ms period): at 1040 ms the command written at 1040 ms.
    assertThat(steps.get(1).<Float>getList(steps.get(1).fieldIndex("action")).get(0)).isCloseTo(10.4f, within(1e-5f));

    List<Row> episodes = silver(Tables.ROBOT_EPISODES).orderBy("episode_id").collectAsList();
    assertThat(episodes).hasSize(2);
    assertThat(episodes.get(0).<Boolean>getAs("end_event_missing")).isFalse();
    assertThat(episodes.get(0).<Long>getAs("step_count")).isEqualTo(3L);
    assertThat(episodes.get(0).<Boolean>getAs("success")).isTrue();
    Row e2 = episodes.get(1);
    assertThat(e2.<Boolean>getAs("end_event_missing")).as("episode without an end event is kept and flagged").isTrue();
    assertThat(e2.<Long>getAs("end_ns")).as("ends with the session").isEqualTo(1_300 * MS);
    assertThat(e2.<Long>getAs("step_count")).isEqualTo(3L); // 1200, 1240, 1280
  }

  @Test
  void rerunningTheDateLeavesTheSameRows() {
    new AlignStage().run(new StageContext(spark(), config, DATE, "run-1"));
    List<Row> first = silver(Tables.ROBOT_TIMESTEPS).drop("run_id").orderBy("episode_id", "step_index").collectAsList();
    new AlignStage().run(new StageContext(spark(), config, DATE, "run-2"));
    Dataset<Row> again = silver(Tables.ROBOT_TIMESTEPS);
    assertThat(again.select("run_id").distinct().collectAsList()).extracting(r -> r.getString(0))
        .containsExactly("run-2");
    assertThat(again.drop("run_id").orderBy("episode_id", "step_index").collectAsList()).isEqualTo(first);
  }

  /**
   * Identities are (robot_id, session_id, episode_id): two robots with the same session and episode ids on one date
   * get exactly the steps and episode rows each would get alone, never each other's.
   */
  @Test
  void twoRobotsWithTheSameSessionAndEpisodeIdsDoNotMix() {
    new AlignStage().run(new StageContext(spark(), config, DATE, "alone"));
    List<Row> alone = silver(Tables.ROBOT_TIMESTEPS).drop("run_id").orderBy("episode_id", "step_index")
        .collectAsList();
    List<Row> aloneEpisodes = silver(Tables.ROBOT_EPISODES).drop("run_id").orderBy("episode_id").collectAsList();
    assertThat(alone).hasSize(6);

    String other = "neo-0002";
    writeBronze(List.of(ROBOT, other));
    StageResult result = new AlignStage().run(new StageContext(spark(), config, DATE, "both"));

    assertThat(result.counts()).containsEntry("episodes", 4L).containsEntry("timesteps", 12L);
    for (String robot : List.of(ROBOT, other)) {
      Dataset<Row> steps = silver(Tables.ROBOT_TIMESTEPS).where(col("robot_id").equalTo(robot)).drop("run_id")
          .withColumn("robot_id", lit(ROBOT));
      assertThat(steps.orderBy("episode_id", "step_index").collectAsList()).as(robot).isEqualTo(alone);
      Dataset<Row> episodes = silver(Tables.ROBOT_EPISODES).where(col("robot_id").equalTo(robot)).drop("run_id")
          .withColumn("robot_id", lit(ROBOT));
      assertThat(episodes.orderBy("episode_id").collectAsList()).as(robot).isEqualTo(aloneEpisodes);
    }
  }

  private Dataset<Row> silver(TableId table) {
    return spark().read().format("delta").load(writer.location(table));
  }

  private void write(TableId table, StructType schema, List<Row> rows) {
    writer.replaceSlice(table, spark().createDataFrame(rows, schema), TableId.datePredicate(DATE),
        "bronze-run");
  }

  private static double sec(long ns) {
    return ns / 1e9;
  }

  private static List<Float> floats(double... v) {
    List<Float> out = new ArrayList<>();
    for (double d : v) {
      out.add((float) d);
    }
    return out;
  }

  private static Row sessionRow(String robot) {
    Row head = RowFactory.create("head", "cameras/head.mp4", "cameras/head.frames.arrow", 25.0, CAMERA_OFFSET, "ok",
        10L);
    return RowFactory.create(Date.valueOf(DATE), robot, "s1", "neo", 1, "1.0", 900 * MS, 1_300 * MS, "ok", 0, 2,
        new ArrayList<Row>(), List.of(head), "/raw/s1", 10, 1000L, "abc", "{}");
  }

  private static Row event(String robot, int line, long ts, String type, String episode, String task,
      Boolean success) {
    return RowFactory.create(Date.valueOf(DATE), robot, "s1", line, ts, type, episode, task,
        task == null ? null : "do it", success, "{}");
  }

  /** Device-clock samples whose robot time runs from {@code from} to {@code to} (robot clock) every {@code step}. */
  private static List<Row> stream(String robotId, String name, long offset, long step, long from, long to,
      LongFunction<Object[]> values) {
    List<Row> rows = new ArrayList<>();
    int i = 0;
    for (long robot = from; robot <= to; robot += step, i++) {
      long device = robot - offset;
      List<Object> cells = new ArrayList<>(List.of(Date.valueOf(DATE), robotId, "s1", name, device, offset, 0, i));
      cells.addAll(List.of(values.apply(device)));
      cells.addAll(List.of(false, false, false));
      rows.add(RowFactory.create(cells.toArray()));
    }
    return rows;
  }

  private static List<Row> cameraFrames(String robotId) {
    List<Row> rows = new ArrayList<>();
    for (int f = 0; f * 40 * MS + 960 * MS <= 1_340 * MS; f++) {
      long robot = 960 * MS + f * 40 * MS;
      rows.add(RowFactory.create(Date.valueOf(DATE), robotId, "s1", "head", f, robot - CAMERA_OFFSET, CAMERA_OFFSET,
          0, f, false, false));
    }
    return rows;
  }
}
