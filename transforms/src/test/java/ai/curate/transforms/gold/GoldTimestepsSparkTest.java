package ai.curate.transforms.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.testing.SparkTestBase;
import ai.curate.transforms.gold.QualityFixtures.Verdict;
import ai.curate.transforms.gold.SilverFixtures.HumanClip;
import ai.curate.transforms.gold.SilverFixtures.RobotEpisode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class GoldTimestepsSparkTest extends SparkTestBase {
  private static final LocalDate DATE = LocalDate.of(2026, 1, 15);
  private static final int JOINTS = 5;

  private Dataset<Row> robot() {
    return SilverFixtures.robot(spark(), List.of(
        new RobotEpisode(DATE, "ep-a", "s-1", "neo-0001", 40, JOINTS, 1),
        new RobotEpisode(DATE, "ep-b", "s-1", "neo-0001", 30, JOINTS, 2),
        new RobotEpisode(DATE, "ep-held", "s-2", "neo-0002", 20, JOINTS, 3)));
  }

  private Dataset<Row> human() {
    return SilverFixtures.human(spark(), List.of(
        new HumanClip(DATE, "clip-1", "dexsuite", 25, JOINTS, 3, Set.of(10), 4),
        new HumanClip(DATE, "clip-held", "dexsuite", 12, JOINTS, 3, Set.of(), 5)));
  }

  private Dataset<Row> verdicts() {
    List<Verdict> v = List.of(
        Verdict.episode(DATE, "neo-0001", "s-1", "ep-a", false, true),
        Verdict.episode(DATE, "neo-0001", "s-1", "ep-b", false, false),
        Verdict.episode(DATE, "neo-0002", "s-2", "ep-held", true, false),
        Verdict.clip(DATE, "dexsuite", "clip-1", false, false),
        Verdict.clip(DATE, "dexsuite", "clip-held", true, true));
    return QualityVerdicts.of(QualityFixtures.report(spark(), v), QualityFixtures.quarantine(spark(), v));
  }

  @Test
  void curatedStepsHaveTheGoldSchemaAndOnlyPassedEntitiesWithTheirSplitAndScores() {
    Dataset<Row> gold = GoldTimesteps.curate(GoldTimesteps.unify(robot(), human()), verdicts(),
        DeterministicSplit.standard(), "run-7");

    assertThat(names(gold.schema().fields())).isEqualTo(names(GoldSchemas.TIMESTEPS.fields()));
    for (StructField f : GoldSchemas.TIMESTEPS.fields()) {
      assertThat(gold.schema().apply(f.name()).dataType()).as(f.name()).isEqualTo(f.dataType());
    }
    List<Object[]> perEpisode = rowsToJava(gold.groupBy("source", "episode_id")
        .agg(functions.count(functions.lit(1)), functions.countDistinct(functions.col("split")),
            functions.first("split"), functions.first("run_id"))
        .orderBy("source", "episode_id").collectAsList());
    DeterministicSplit split = DeterministicSplit.standard();
    assertRows("published episodes", rows(
        row("fleet", "ep-a", 40L, 1L, split.splitOf("ep-a"), "run-7"),
        row("fleet", "ep-b", 30L, 1L, split.splitOf("ep-b"), "run-7"),
        row("human", "clip-1", 24L, 1L, split.splitOf("clip-1"), "run-7")), perEpisode);

    List<Object[]> scores = rowsToJava(gold
        .where("episode_id = 'ep-a' AND step_index = 0").select("quality_scores").collectAsList());
    @SuppressWarnings("unchecked")
    Map<String, Double> map = (Map<String, Double>) scores.get(0)[0];
    assertThat(map).containsEntry("coverage", 0.99).containsEntry("idle_fraction", 0.4)
        .containsKey("structural_has_steps");
  }

  @Test
  void fleetStepsKeepSilverValuesAndGetAnAllTrueJointMaskWhereJointsAreValid() {
    Dataset<Row> silver = robot().where("episode_id = 'ep-a'");
    Dataset<Row> unified = GoldTimesteps.fromRobot(silver);
    List<Row> in = silver.orderBy("step_index").collectAsList();
    List<Row> out = unified.orderBy("step_index").collectAsList();
    assertThat(out).hasSize(in.size());
    for (int i = 0; i < in.size(); i++) {
      Row s = in.get(i);
      Row g = out.get(i);
      for (String c : List.of("joint_position", "joint_velocity", "joint_effort", "action", "wrench_left",
          "wrench_right", "tactile_left", "tactile_right", "camera_frame_index", "ts_ns", "session_id",
          "robot_id", "joint_state_valid", "action_valid", "wrench_left_valid", "tactile_left_valid",
          "cameras_valid")) {
        assertThat(String.valueOf((Object) g.getAs(c))).as("step %d %s", i, c)
            .isEqualTo(String.valueOf((Object) s.getAs(c)));
      }
      List<Object> mask = g.isNullAt(g.fieldIndex("joint_mask")) ? null : g.getList(g.fieldIndex("joint_mask"));
      if (s.<Boolean>getAs("joint_state_valid")) {
        assertThat(mask).hasSize(JOINTS).containsOnly(true);
      } else {
        assertThat(mask).isNull();
      }
      assertThat((Object) g.getAs("source")).isEqualTo("fleet");
      assertThat((Object) g.getAs("dataset")).isNull();
      assertThat((Object) g.getAs("keypoints")).isNull();
    }
  }

  @Test
  void humanActionIsTheNextFramesPoseAndNullAtTheEndAndBeforeAFrameWithoutPose() {
    Dataset<Row> unified = GoldTimesteps.fromHuman(human().where("clip_id = 'clip-1'"));
    List<Row> steps = unified.orderBy("step_index").collectAsList();
    assertThat(steps).hasSize(24);
    Map<Integer, Row> byFrame = new HashMap<>();
    for (Row r : steps) {
      byFrame.put(r.<String, Integer>getJavaMap(r.fieldIndex("camera_frame_index")).get("video"), r);
    }
    for (Row r : steps) {
      int frame = r.<String, Integer>getJavaMap(r.fieldIndex("camera_frame_index")).get("video");
      assertThat((Object) r.getAs("episode_id")).isEqualTo("clip-1");
      assertThat((Object) r.getAs("source")).isEqualTo("human");
      assertThat((Object) r.getAs("ts_ns")).isEqualTo(frame * SilverFixtures.FRAME_NS);
      Row next = byFrame.get(frame + 1);
      if (next == null) {
        assertThat(r.isNullAt(r.fieldIndex("action"))).as("frame %d has no next frame", frame).isTrue();
        assertThat(r.<Boolean>getAs("action_valid")).isFalse();
      } else {
        assertThat(r.getList(r.fieldIndex("action"))).as("frame %d", frame)
            .isEqualTo(next.getList(next.fieldIndex("joint_position")));
        assertThat(r.<Boolean>getAs("action_valid")).isTrue();
      }
      for (String c : List.of("joint_velocity", "joint_effort", "wrench_left", "wrench_right", "tactile_left",
          "tactile_right", "session_id", "robot_id")) {
        assertThat(r.isNullAt(r.fieldIndex(c))).as(c).isTrue();
      }
      for (String c : List.of("wrench_left_valid", "wrench_right_valid", "tactile_left_valid", "tactile_right_valid")) {
        assertThat(r.<Boolean>getAs(c)).as(c).isFalse();
      }
      assertThat(r.<Boolean>getAs("joint_state_valid")).isTrue();
      assertThat(r.<Boolean>getAs("cameras_valid")).isTrue();
      assertThat(r.getList(r.fieldIndex("joint_mask"))).containsExactly(true, true, true, false, false);
      assertThat((Object) r.getAs("hand_side")).isEqualTo("right");
    }
    assertThat(byFrame).doesNotContainKey(10).containsKeys(9, 11);
  }

  @Test
  void sparkSplitColumnEqualsTheJavaFunctionForEveryId() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      ids.add(i % 3 == 0 ? "épisode-" + i + "-日本" : "ep-" + i);
    }
    DeterministicSplit split = new DeterministicSplit(new SplitFractions(0.6, 0.25, 0.15), "salt-1");
    Dataset<Row> df = spark().createDataset(ids, Encoders.STRING()).toDF("episode_id");
    List<Row> got = df.select(functions.col("episode_id"), split.column(functions.col("episode_id")),
        split.unitColumn(functions.col("episode_id"))).collectAsList();
    for (Row r : got) {
      String id = r.getString(0);
      assertThat(r.getString(1)).as(id).isEqualTo(split.splitOf(id));
      assertThat(r.getDouble(2)).as(id).isEqualTo(split.unit(id));
    }
  }

  @Test
  void silverWithoutADocumentedColumnIsRejectedNamingIt() {
    Dataset<Row> broken = robot().drop("action_valid").withColumn("ts_ns", functions.lit("x"));
    assertThatThrownBy(() -> GoldTimesteps.fromRobot(broken))
        .isInstanceOf(SilverSchemaException.class)
        .hasMessageContaining("silver.robot_timesteps")
        .hasMessageContaining("missing column action_valid (boolean)")
        .hasMessageContaining("column ts_ns is string, expected an integral type")
        .hasMessageContaining("align");
  }

  private static List<String> names(StructField[] fields) {
    List<String> n = new ArrayList<>();
    for (StructField f : fields) {
      n.add(f.name());
    }
    return n;
  }

  /**
   * Episode ids repeat across sessions and robots and clip ids across datasets: publishing matches steps, verdicts
   * and metadata on the whole identity, so one quarantined e001 holds back only its own steps, and each published
   * e001 gets its own gold.episodes row with its own task, counts and warnings.
   */
  @Test
  void entitiesSharingAnIdArePublishedRolledUpAndDescribedApart() {
    Dataset<Row> robot = SilverFixtures.robot(spark(), List.of(
        new RobotEpisode(DATE, "e001", "s-1", "neo-0001", 40, JOINTS, 1),
        new RobotEpisode(DATE, "e001", "s-2", "neo-0001", 30, JOINTS, 2),
        new RobotEpisode(DATE, "e001", "s-1", "neo-0002", 20, JOINTS, 3)));
    Dataset<Row> human = SilverFixtures.human(spark(), List.of(
        new HumanClip(DATE, "clip-1", "dexsuite", 25, JOINTS, 3, Set.of(), 4),
        new HumanClip(DATE, "clip-1", "other", 12, JOINTS, 3, Set.of(), 5)));
    List<Verdict> v = List.of(
        Verdict.episode(DATE, "neo-0001", "s-1", "e001", false, false),
        Verdict.episode(DATE, "neo-0001", "s-2", "e001", true, false),
        Verdict.episode(DATE, "neo-0002", "s-1", "e001", false, true),
        Verdict.clip(DATE, "dexsuite", "clip-1", false, false),
        Verdict.clip(DATE, "other", "clip-1", true, false));
    Dataset<Row> verdicts = QualityVerdicts.of(QualityFixtures.report(spark(), v),
        QualityFixtures.quarantine(spark(), v));

    Dataset<Row> gold = GoldTimesteps.curate(GoldTimesteps.unify(robot, human), verdicts,
        DeterministicSplit.standard(), "run-7");
    List<Object[]> perEntity = rowsToJava(gold.groupBy("source", "robot_id", "session_id", "dataset", "episode_id")
        .agg(functions.count(functions.lit(1)), functions.max("step_index"))
        .orderBy("source", "robot_id", "session_id", "dataset").collectAsList());
    assertRows("only the passed entities, each with its own steps", rows(
        row("fleet", "neo-0001", "s-1", null, "e001", 40L, 39),
        row("fleet", "neo-0002", "s-1", null, "e001", 20L, 19),
        row("human", null, null, "dexsuite", "clip-1", 25L, 24)), perEntity);

    Dataset<Row> metadata = spark().createDataFrame(List.of(
        org.apache.spark.sql.RowFactory.create("fleet", "neo-0001", "s-1", null, "e001", "pick", "p1", true, "raw/a"),
        org.apache.spark.sql.RowFactory.create("fleet", "neo-0001", "s-2", null, "e001", "place", "p2", false,
            "raw/b"),
        org.apache.spark.sql.RowFactory.create("fleet", "neo-0002", "s-1", null, "e001", "wipe", "p3", true, "raw/c"),
        org.apache.spark.sql.RowFactory.create("human", null, null, "dexsuite", "clip-1", "pour", "p4", null,
            "raw/d"),
        org.apache.spark.sql.RowFactory.create("human", null, null, "other", "clip-1", "stir", "p5", null, "raw/e")),
        new org.apache.spark.sql.types.StructType().add("source", "string").add("robot_id", "string")
            .add("session_id", "string").add("dataset", "string").add("episode_id", "string").add("task", "string")
            .add("prompt", "string").add("success", "boolean").add("raw_path", "string"));
    Dataset<Row> episodes = GoldEpisodes.of(EpisodeRollup.of(gold), metadata, verdicts, Map.of(), "curate test",
        "run-7");
    List<Object[]> described = rowsToJava(episodes.orderBy("source", "robot_id", "session_id", "dataset")
        .select("source", "robot_id", "session_id", "dataset", "episode_id", "step_count", "task", "raw_path",
            "quality_warnings")
        .collectAsList());
    assertRows("one gold.episodes row per entity", rows(
        row("fleet", "neo-0001", "s-1", null, "e001", 40L, "pick", "raw/a", List.of()),
        row("fleet", "neo-0002", "s-1", null, "e001", 20L, "wipe", "raw/c", List.of("idle_fraction")),
        row("human", null, null, "dexsuite", "clip-1", 25L, "pour", "raw/d", List.of())), described);
  }
}
