package ai.curate.quality;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.quality.rules.BuiltinRuleCheck;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.Rule;
import ai.curate.quality.rules.RuleLoader;
import ai.curate.quality.rules.RuleSet;
import ai.curate.quality.rules.Severity;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The shipped rule files load and cover every check the issue asks for (pure; SQL is parsed in a Spark test). */
class ConfigFilesTest {
  static Path configs() {
    return Path.of(System.getProperty("curate.project.dir", "..")).resolve("configs/quality");
  }

  /** The checks the rules use: a built-in check's name, or {@code expr}. */
  private static Stream<String> checkNames(RuleSet rules) {
    return rules.rules().stream().map(Rule::check)
        .map(c -> c instanceof BuiltinRuleCheck b ? b.check().name() : "expr").distinct();
  }

  @Test
  void robotRules() {
    RuleSet rules = RuleLoader.load(configs().resolve("robot.yaml"));
    assertThat(rules.entityType()).isEqualTo(EntityType.EPISODE);
    assertThat(checkNames(rules))
        .contains("timestamps_monotonic", "timestamp_gaps", "modality_coverage", "stream_staleness", "clock_skew",
            "frozen_sensor", "joint_position_limits", "joint_velocity_limits", "joint_acceleration_limits",
            "wrench_spikes", "wrench_saturation", "dead_taxels", "camera_frame_drops", "episode_duration",
            "idle_segments", "success_label", "stream_gaps", "camera_gaps", "expr");
    assertThat(rules.rules()).anyMatch(r -> r.severity() == Severity.FAIL);
    assertThat(rules.rules()).allMatch(r -> !r.tags().isEmpty());
  }

  @Test
  void humanRules() {
    RuleSet rules = RuleLoader.load(configs().resolve("human.yaml"));
    assertThat(rules.entityType()).isEqualTo(EntityType.CLIP);
    assertThat(checkNames(rules))
        .contains("consent", "video_darkness", "video_blur", "video_frozen", "clip_duration", "hand_visibility",
            "keypoint_jitter", "retargeting_error", "limit_saturation", "expr");
    assertThat(rules.rules()).allMatch(r -> !r.tags().isEmpty());
  }
}
