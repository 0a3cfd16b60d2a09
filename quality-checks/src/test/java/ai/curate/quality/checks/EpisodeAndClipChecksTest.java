package ai.curate.quality.checks;

import static ai.curate.quality.TestTable.COUNTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.quality.QualityEvaluator;
import ai.curate.quality.QualityResult;
import ai.curate.quality.QualityTestBase;
import ai.curate.quality.TestTable;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The entity-scope checks (one row per robot episode or human clip), each must fire and must not. */
class EpisodeAndClipChecksTest extends QualityTestBase {

  private Map<String, Row> evaluate(String entity, TestTable rows, String ruleYaml, List<String> passing,
      List<String> failing) {
    try (QualityResult result = new QualityEvaluator().evaluate(rows.toDataset(spark()), null,
        rules(entity, "- name: r\n  scope: " + entity + "\n  severity: quarantine\n" + ruleYaml))) {
      return assertRule(result, "r", passing, failing);
    }
  }

  @Test
  void cameraFrameDropsComparesExpectedCapturedAndVideoFrames() {
    TestTable t = new TestTable().column("episode_id", DataTypes.StringType)
        .column("camera_expected_frames", COUNTS).column("camera_capture_frames", COUNTS)
        .column("camera_video_frames", COUNTS)
        .row("clean", Map.of("head", 300L, "wrist", 300L), Map.of("head", 299L, "wrist", 300L),
            Map.of("head", 299L, "wrist", 300L))
        .row("capture_drops", Map.of("head", 300L, "wrist", 300L), Map.of("head", 300L, "wrist", 240L),
            Map.of("head", 300L, "wrist", 240L))
        .row("video_short", Map.of("head", 300L), Map.of("head", 300L), Map.of("head", 150L))
        .row("camera_missing", Map.of("head", 300L, "wrist", 300L), Map.of("head", 300L), Map.of("head", 300L));
    Map<String, Row> out = evaluate("episode", t, "  check: camera_frame_drops\n  params: {max_drop_fraction: 0.05}\n",
        List.of("clean"), List.of("capture_drops", "video_short", "camera_missing"));
    assertThat(value(out, "clean")).isCloseTo(1 / 300.0, within(1e-12));
    assertThat(value(out, "capture_drops")).isCloseTo(0.2, within(1e-12));
    assertThat(value(out, "video_short")).isCloseTo(0.5, within(1e-12));
    assertThat(value(out, "camera_missing")).isEqualTo(1.0);
    assertThat(out.get("capture_drops").<String>getAs("message"))
        .endsWith("camera wrist: expected 300, captured 240, in video 240");
  }

  @Test
  void episodeDurationBounds() {
    TestTable t = new TestTable().column("episode_id", DataTypes.StringType).column("duration_ns", DataTypes.LongType)
        .row("clean", 12_000_000_000L).row("short", 1_500_000_000L).row("long", 4_000_000_000_000L)
        .row("unknown", null);
    Map<String, Row> out = evaluate("episode", t, "  check: episode_duration\n  params: {min_s: 2, max_s: 3600}\n",
        List.of("clean"), List.of("short", "long", "unknown"));
    assertThat(value(out, "short")).isEqualTo(1.5);
    assertThat(out.get("short").<String>getAs("threshold")).isEqualTo("between 2 and 3600");
  }

  @Test
  void successLabelMustBePresentEitherWay() {
    TestTable t = new TestTable().column("episode_id", DataTypes.StringType).column("success", DataTypes.BooleanType)
        .row("succeeded", true).row("failed", false).row("unlabelled", null);
    Map<String, Row> out = evaluate("episode", t, "  check: success_label\n", List.of("succeeded", "failed"),
        List.of("unlabelled"));
    assertThat(value(out, "unlabelled")).isEqualTo(0.0);
  }

  private static TestTable clips() {
    return new TestTable().column("clip_id", DataTypes.StringType).column("mean_brightness", DataTypes.DoubleType)
        .column("mean_sharpness", DataTypes.DoubleType).column("frozen_frame_fraction", DataTypes.DoubleType)
        .column("duration_ns", DataTypes.LongType).column("consent", DataTypes.BooleanType)
        .row("clean", 110.0, 180.0, 0.01, 20_700_000_000L, true)
        .row("dark", 12.0, 150.0, 0.0, 20_700_000_000L, true)
        .row("blurred", 100.0, 4.0, 0.0, 20_700_000_000L, true)
        .row("frozen", 100.0, 150.0, 0.6, 20_700_000_000L, true)
        .row("short", 100.0, 150.0, 0.0, 400_000_000L, true)
        .row("no_consent", 100.0, 150.0, 0.0, 20_700_000_000L, false)
        .row("consent_unknown", 100.0, 150.0, 0.0, 20_700_000_000L, null);
  }

  private static final List<String> ALL_CLIPS = List.of("clean", "dark", "blurred", "frozen", "short", "no_consent",
      "consent_unknown");

  /**
   * Each clip check over {@link #clips()}: its params, the clips it must fail (every other clip passes) and, where
   * pinned, the value of the first of them.
   */
  static Stream<Arguments> clipChecks() {
    return Stream.of(
        Arguments.of("video_darkness", "{min_brightness: 40}", List.of("dark"), 12.0),
        Arguments.of("video_blur", "{min_sharpness: 20}", List.of("blurred"), null),
        Arguments.of("video_frozen", "{max_fraction: 0.2}", List.of("frozen"), null),
        Arguments.of("clip_duration", "{min_s: 1}", List.of("short"), 0.4),
        Arguments.of("consent", null, List.of("no_consent", "consent_unknown"), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clipChecks")
  void clipCheckFailsExactlyTheBadClips(String check, String params, List<String> failing, Double failingValue) {
    List<String> passing = ALL_CLIPS.stream().filter(c -> !failing.contains(c)).toList();
    String yaml = "  check: " + check + "\n" + (params == null ? "" : "  params: " + params + "\n");
    Map<String, Row> out = evaluate("clip", clips(), yaml, passing, failing);
    if (failingValue != null) {
      assertThat(value(out, failing.get(0))).isEqualTo(failingValue);
    }
  }

  @Test
  void aCheckCanReadARenamedColumn() {
    TestTable t = new TestTable().column("clip_id", DataTypes.StringType).column("luma", DataTypes.FloatType)
        .row("ok", 90f).row("dark", 3f);
    evaluate("clip", t, "  check: video_darkness\n  params: {min_brightness: 40, column: luma}\n", List.of("ok"),
        List.of("dark"));
  }
}
