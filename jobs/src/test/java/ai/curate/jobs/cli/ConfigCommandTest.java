package ai.curate.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.ConfigLoader;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.config.InstallPaths;
import ai.curate.jobs.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code curate config}: the effective settings as YAML, each value commented with its source. No Spark needed. */
class ConfigCommandTest {
  @TempDir
  Path dir;

  private Path file() {
    return ConfigFixtures.withSettings(Map.of("paths.raw", "raw", "paths.warehouse", "/abs/wh",
        "spark.master", "local[3]", "align.policies.wrench.method", "previous")).writeTo(dir.resolve("c.yaml"));
  }

  @Test
  void everyValueSaysWhereItCameFrom() {
    Path file = file();
    CliRun r = CliRun.of("config", "--config", file.toString(), "--set", "sample.sessions=9",
        "--set", "spark.sql.shuffle.partitions=4");
    assertThat(r.code()).as(r.err()).isZero();
    String fromFile = "  # file " + file.toAbsolutePath().normalize();
    assertThat(r.out().lines()).contains(
        "paths:",
        "  raw: " + dir.resolve("raw") + fromFile,
        "  warehouse: /abs/wh" + fromFile,
        "  scratch: /tmp/curate-scratch  # default",
        "  spark.master: \"local[3]\"" + fromFile,
        "  spark.sql.shuffle.partitions: \"4\"  # --set",
        "  spark.app.name: curate  # default",
        "  sessions: 9  # --set",
        "  clips: 2  # default",
        "fleet_ingest:",
        "  slice_mb: 64.0  # default",
        "    wrench: {method: previous, max_gap_ms: 20.0}" + fromFile,
        "    tactile: {method: previous, max_gap_ms: 20.0}  # default");
  }

  @Test
  void theOutputIsItselfAConfigThatLoadsToTheSameSettings() throws Exception {
    Path file = file();
    CliRun r = CliRun.of("config", "--config", file.toString(), "--set", "publish.split_salt=v 2");
    assertThat(r.code()).as(r.err()).isZero();
    Path printed = Files.writeString(dir.resolve("printed.yaml"), r.out());
    CurateConfig again = new ConfigLoader().load(printed, List.of());
    String robotConfig = InstallPaths.resolve(Settings.RETARGET_ROBOT_CONFIG.defaultValue()).toString();
    assertThat(r.out()).as("a relative default location is printed resolved against the installation")
        .contains("  robot_config: " + robotConfig + "  # default");
    assertThat(again).isEqualTo(new ConfigLoader().load(file, List.of("publish.split_salt=v 2",
        "retarget.robot_config=" + robotConfig)));
  }

  @Test
  void secretLookingSparkSettingsAreMasked() {
    CliRun r = CliRun.of("config", "--config", file().toString(), "--set", "spark.hadoop.fs.s3a.secret.key=hunter2");
    assertThat(r.out()).doesNotContain("hunter2").contains("spark.hadoop.fs.s3a.secret.key: \"*** (redacted)\"");
  }

  @Test
  void aBadSettingIsAOneLineUserError() {
    CliRun r = CliRun.of("config", "--config", file().toString(), "--set", "align.bucket_seconds=0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("config key 'align.bucket_seconds': must be > 0");
  }
}
