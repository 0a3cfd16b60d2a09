package ai.curate.quality.checks;

import static ai.curate.quality.TestTable.KEYPOINTS;
import static ai.curate.quality.TestTable.floats;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.quality.QualityEvaluator;
import ai.curate.quality.QualityResult;
import ai.curate.quality.QualityTestBase;
import ai.curate.quality.TestTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

/** Human timestep checks over silver.human_timesteps-shaped rows: each must fire and must not. */
class HumanTimestepChecksTest extends QualityTestBase {
  private static final long FRAME_NS = 33_333_333L;
  private static final int STEPS = 60;

  /** A clip's steps: keypoints of a hand moving smoothly, plus optional tracking noise and per-step metrics. */
  private static void addClip(TestTable t, String clip, double noiseMm, double confidence, double errorMm,
                              double saturation, long seed) {
    Random random = new Random(seed);
    for (int i = 0; i < STEPS; i++) {
      List<float[]> keypoints = new ArrayList<>();
      for (int k = 0; k < 21; k++) {
        double n = noiseMm / 1000.0;
        keypoints.add(floats(0.01 * k + 0.002 * i + n * random.nextGaussian(),
            0.02 * Math.sin(i / 10.0) + n * random.nextGaussian(), 0.4 + n * random.nextGaussian()));
      }
      boolean lost = confidence < 0.5 && i % 2 == 0;
      t.row(clip, i, i * FRAME_NS, lost ? null : keypoints, "right", (float) confidence, (float) errorMm,
          (float) saturation);
    }
  }

  private static TestTable table() {
    return new TestTable().column("clip_id", DataTypes.StringType).column("step_index", DataTypes.IntegerType)
        .column("ts_ns", DataTypes.LongType).column("keypoints", KEYPOINTS)
        .column("hand_side", DataTypes.StringType).column("keypoint_confidence_mean", DataTypes.FloatType)
        .column("vector_error_mm", DataTypes.FloatType).column("limit_saturation", DataTypes.FloatType);
  }

  private Map<String, Row> check(TestTable steps, String ruleYaml) {
    Dataset<Row> clips = new TestTable().column("clip_id", DataTypes.StringType).row("clean").row("bad")
        .toDataset(spark());
    try (QualityResult result = new QualityEvaluator().evaluate(clips, steps.toDataset(spark()),
        rules("clip", "- name: r\n  scope: timestep\n  severity: quarantine\n" + ruleYaml))) {
      return assertRule(result, "r", List.of("clean"), List.of("bad"));
    }
  }

  @Test
  void handVisibilityAndKeypointConfidence() {
    TestTable t = table();
    addClip(t, "clean", 0, 0.9, 20, 0.1, 1);
    addClip(t, "bad", 0, 0.3, 20, 0.1, 2);
    Map<String, Row> out = check(t, "  check: hand_visibility\n  params: {min_confidence: 0.5, min_fraction: 0.8}\n");
    assertThat(value(out, "bad")).isEqualTo(0.0);
    assertThat(value(out, "clean")).isEqualTo(1.0);
  }

  @Test
  void keypointJitter() {
    TestTable t = table();
    addClip(t, "clean", 0.2, 0.9, 20, 0.1, 3);
    addClip(t, "bad", 8, 0.9, 20, 0.1, 4);
    Map<String, Row> out = check(t, "  check: keypoint_jitter\n  params: {max_mm: 10}\n");
    assertThat(value(out, "clean")).isLessThan(2.0);
    assertThat(value(out, "bad")).isGreaterThan(15.0);
  }

  @Test
  void retargetingError() {
    TestTable t = table();
    addClip(t, "clean", 0, 0.9, 25, 0.1, 5);
    addClip(t, "bad", 0, 0.9, 95, 0.1, 6);
    Map<String, Row> out = check(t, "  check: retargeting_error\n  params: {max_mm: 60}\n");
    assertThat(value(out, "bad")).isCloseTo(95.0, within(1e-9));
  }

  @Test
  void limitSaturation() {
    TestTable t = table();
    addClip(t, "clean", 0, 0.9, 25, 0.1, 7);
    addClip(t, "bad", 0, 0.9, 25, 0.75, 8);
    Map<String, Row> out = check(t, "  check: limit_saturation\n  params: {max_fraction: 0.5, statistic: max}\n");
    assertThat(value(out, "bad")).isEqualTo(0.75);
  }
}
