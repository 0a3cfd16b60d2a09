package ai.curate.quality.checks;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.quality.QualityEvaluator;
import ai.curate.quality.QualityResult;
import ai.curate.quality.QualityTestBase;
import ai.curate.quality.TestTable;
import ai.curate.quality.rules.BuiltinRuleCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.RuleLoader;
import ai.curate.quality.rules.RuleSet;
import ai.curate.transforms.gold.SilverFixtures;
import java.nio.file.Path;
import java.time.LocalDate;
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
 * The shipped stream gap rules (configs/quality/robot.yaml) through the evaluator on silver.robot_timesteps
 * frames: a 200 ms dropout of the 500 Hz joint-state stream inside an episode warns naming the episode and the
 * stream, a longer one quarantines, and an episode whose streams only miss isolated steps passes.
 */
class StreamGapsSparkTest extends QualityTestBase {
  private static final long FRAME_NS = SilverFixtures.FRAME_NS;
  private static final StructType SCHEMA = SilverFixtures.ROBOT_TIMESTEPS;
  private static final int STEPS = 90;

  /** The robot rules that use stream_gaps, as shipped. */
  private static RuleSet shippedGapRules() {
    Path file = Path.of(System.getProperty("curate.project.dir", "..")).resolve("configs/quality/robot.yaml");
    RuleSet all = RuleLoader.load(file);
    return new RuleSet(all.source(), EntityType.EPISODE, all.rules().stream()
        .filter(r -> r.check() instanceof BuiltinRuleCheck b && b.check().name().equals("stream_gaps")).toList());
  }

  /**
   * An episode of SilverFixtures (whose streams already miss isolated steps: joint states every 13th step, ...)
   * with the joint-state samples missing for {@code holeMs} from 1.310 s: align's LINEAR never interpolates
   * across a hole longer than twice its 20 ms max gap, so every step strictly inside it has no joint state.
   */
  private static List<Row> episode(String id, long holeMs) {
    List<Row> rows = SilverFixtures.robotRows(new SilverFixtures.RobotEpisode(LocalDate.of(2026, 1, 15), id,
        "session-1", "neo-0001", STEPS, 4, 7));
    long start = rows.get(0).getLong(SCHEMA.fieldIndex("ts_ns"));
    long from = start + 1_310_000_000L;
    long to = from + holeMs * 1_000_000L;
    List<Row> out = new ArrayList<>();
    for (Row r : rows) {
      long ts = r.getLong(SCHEMA.fieldIndex("ts_ns"));
      if (ts <= from || ts >= to) {
        out.add(r);
        continue;
      }
      Object[] v = new Object[r.size()];
      for (int k = 0; k < v.length; k++) {
        v[k] = r.get(k);
      }
      for (String c : List.of("joint_position", "joint_velocity", "joint_effort", "joint_state_staleness_ns")) {
        v[SCHEMA.fieldIndex(c)] = null;
      }
      v[SCHEMA.fieldIndex("joint_state_valid")] = false;
      out.add(RowFactory.create(v));
    }
    return out;
  }

  @Test
  void aDropoutWarnsNamingTheEpisodeAndStreamALongerOneQuarantinesACleanEpisodePasses() {
    List<Row> rows = new ArrayList<>();
    rows.addAll(episode("clean", 0));
    rows.addAll(episode("dropout_200ms", 200));
    rows.addAll(episode("dropout_800ms", 800));
    Dataset<Row> steps = spark().createDataFrame(rows, SCHEMA);
    Dataset<Row> episodes = new TestTable().column("robot_id", DataTypes.StringType)
        .column("session_id", DataTypes.StringType).column("episode_id", DataTypes.StringType)
        .row("neo-0001", "session-1", "clean").row("neo-0001", "session-1", "dropout_200ms")
        .row("neo-0001", "session-1", "dropout_800ms").toDataset(spark());

    try (QualityResult result = new QualityEvaluator().evaluate(episodes, steps, shippedGapRules())) {
      Map<String, Row> warn = assertRule(result, "joint_state_gap", List.of("clean"),
          List.of("dropout_200ms", "dropout_800ms"));
      Map<String, Row> quarantine = assertRule(result, "joint_state_long_gap", List.of("clean", "dropout_200ms"),
          List.of("dropout_800ms"));

      // 200 ms from 1.310 s: steps 40..45 lack joint states; the values around them are 7 steps apart.
      Row w = warn.get("dropout_200ms");
      assertThat(w.<String>getAs("severity")).isEqualTo("warn");
      assertThat(w.<Double>getAs("value")).isEqualTo(7 * FRAME_NS / 1e6);
      assertThat(w.<String>getAs("message")).startsWith("longest joint_state gap (ms) = 233.3")
          .contains("required <= 100")
          .contains("joint_state has no value at steps 40-45 (6 steps): 233.3 ms from its value at step 39 "
              + "(1.300 s into the episode, ts_ns ");
      assertThat(quarantine.get("dropout_800ms").<String>getAs("message"))
          .contains("required <= 500").contains("joint_state has no value at steps 40-63 (24 steps)");
      // The clean episode misses joint states at isolated steps (every 13th): two grid intervals, no finding.
      assertThat(warn.get("clean").<Double>getAs("value")).isEqualTo(2 * FRAME_NS / 1e6);

      // Every stream of the clean episode passes both of its rules.
      for (Row r : result.report().where("entity_id = 'clean'").collectAsList()) {
        assertThat(r.<Boolean>getAs("passed")).as("%s on the clean episode: %s", r.getAs("rule"), r).isTrue();
      }
      // A warning names the episode but does not hold it back; the long dropout is quarantined for it alone.
      assertThat(result.passList().collectAsList()).extracting(r -> r.getString(1))
          .containsExactlyInAnyOrder("clean", "dropout_200ms");
      List<Row> held = result.quarantine().collectAsList();
      assertThat(held).singleElement().satisfies(r -> {
        assertThat(r.<String>getAs("entity_id")).isEqualTo("dropout_800ms");
        assertThat(r.<Row>getList(r.fieldIndex("reasons"))).extracting(reason -> reason.<String>getAs("rule"))
            .containsExactly("joint_state_long_gap");
      });
    }
  }
}
