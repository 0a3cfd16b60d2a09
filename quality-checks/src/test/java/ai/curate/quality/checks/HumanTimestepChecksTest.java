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

  /** A clip's settings: tracking noise, keypoint confidence and the per-step retargeting metrics. */
  private record Clip(double noiseMm, double confidence, double errorMm, double saturation) {}

  /** A clip's steps: keypoints of a hand moving smoothly, plus optional tracking noise and per-step metrics. */
  private static void addClip(TestTable t, String clip, Clip c, long seed) {
    double noiseMm = c.noiseMm();
    double confidence = c.confidence();
    Random random = new Random(seed);
    for (int i = 0; i < STEPS; i++) {
      List<float[]> keypoints = new ArrayList<>();
      for (int k = 0; k < 21; k++) {
        double n = noiseMm / 1000.0;
        keypoints.add(floats(0.01 * k + 0.002 * i + n * random.nextGaussian(),
            0.02 * Math.sin(i / 10.0) + n * random.nextGaussian(), 0.4 + n * random.nextGaussian()));
      }
      boolean lost = confidence < 0.5 && i % 2 == 0;
      t.row(clip, i, i * FRAME_NS, lost ? null : keypoints, "right", (float) confidence, (float) c.errorMm(),
          (float) c.saturation());
    }
  }

  private static TestTable table() {
    return new TestTable().column("clip_id", DataTypes.StringType).column("step_index", DataTypes.IntegerType)
        .column("ts_ns", DataTypes.LongType).column("keypoints", KEYPOINTS)
        .column("hand_side", DataTypes.StringType).column("keypoint_confidence_mean", DataTypes.FloatType)
        .column("vector_error_mm", DataTypes.FloatType).column("limit_saturation", DataTypes.FloatType);
  }

  /** Runs the rule over a clean clip and a bad one, built with seeds {@code seed} and {@code seed + 1}. */
  private Map<String, Row> check(long seed, Clip clean, Clip bad, String ruleYaml) {
    TestTable steps = table();
    addClip(steps, "clean", clean, seed);
    addClip(steps, "bad", bad, seed + 1);
    Dataset<Row> clips = new TestTable().column("clip_id", DataTypes.StringType).row("clean").row("bad")
        .toDataset(spark());
    try (QualityResult result = new QualityEvaluator().evaluate(clips, steps.toDataset(spark()),
        rules("clip", "- name: r\n  scope: timestep\n  severity: quarantine\n" + ruleYaml))) {
      return assertRule(result, "r", List.of("clean"), List.of("bad"));
    }
  }

  @Test
  void handVisibilityAndKeypointConfidence() {
    Map<String, Row> out = check(1, new Clip(0, 0.9, 20, 0.1), new Clip(0, 0.3, 20, 0.1),
        "  check: hand_visibility\n  params: {min_confidence: 0.5, min_fraction: 0.8}\n");
    assertThat(value(out, "bad")).isEqualTo(0.0);
    assertThat(value(out, "clean")).isEqualTo(1.0);
  }

  @Test
  void keypointJitter() {
    Map<String, Row> out = check(3, new Clip(0.2, 0.9, 20, 0.1), new Clip(8, 0.9, 20, 0.1),
        "  check: keypoint_jitter\n  params: {max_mm: 10}\n");
    assertThat(value(out, "clean")).isLessThan(2.0);
    assertThat(value(out, "bad")).isGreaterThan(15.0);
  }

  @Test
  void retargetingError() {
    Map<String, Row> out = check(5, new Clip(0, 0.9, 25, 0.1), new Clip(0, 0.9, 95, 0.1),
        "  check: retargeting_error\n  params: {max_mm: 60}\n");
    assertThat(value(out, "bad")).isCloseTo(95.0, within(1e-9));
  }

  @Test
  void limitSaturation() {
    Map<String, Row> out = check(7, new Clip(0, 0.9, 25, 0.1), new Clip(0, 0.9, 25, 0.75),
        "  check: limit_saturation\n  params: {max_fraction: 0.5, statistic: max}\n");
    assertThat(value(out, "bad")).isEqualTo(0.75);
  }
}
