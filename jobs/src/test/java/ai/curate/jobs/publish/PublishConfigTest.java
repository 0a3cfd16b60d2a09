package ai.curate.jobs.publish;

import static ai.curate.jobs.config.ConfigFixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code publish} config section: defaults, overrides, and errors that name the key. */
class PublishConfigTest {
  @TempDir
  Path dir;

  private CurateConfig load(String... overrides) throws IOException {
    return ConfigFixtures.withSettings(Map.of("paths.raw", "raw", "paths.warehouse", "wh")).load(dir, overrides);
  }

  @Test
  void defaultsAreEightyTenTenUnsaltedWith256MbFiles() throws IOException {
    CurateConfig.PublishConfig p = load().publish();
    assertThat(p.split()).isEqualTo(new CurateConfig.SplitConfig(0.8, 0.1, 0.1));
    assertThat(p.splitSalt()).isEmpty();
    assertThat(p.targetFileSizeMb()).isEqualTo(256.0);
    assertThat(p.robotUrdf()).isEqualTo("configs/robots/neo/neo.urdf");
  }

  @Test
  void overridesReplaceSingleKeys() throws IOException {
    CurateConfig.PublishConfig p = load("publish.split.train=0.7", "publish.split.test=0.2", "publish.split_salt=v2",
        "publish.target_file_size_mb=64").publish();
    assertThat(p.split()).isEqualTo(new CurateConfig.SplitConfig(0.7, 0.1, 0.2));
    assertThat(p.splitSalt()).isEqualTo("v2");
    assertThat(p.targetFileSizeMb()).isEqualTo(64.0);
  }

  @Test
  void badValuesNameTheKey() {
    rejected(() -> load("publish.split.train=0.9"))
        .hasMessageStartingWith("config key 'publish.split': split fractions must sum to 1");
    rejected(() -> load("publish.split.val=-0.1", "publish.split.train=1.0"))
        .hasMessageContaining("config key 'publish.split': split fraction val must be in [0, 1]");
    rejected(() -> load("publish.target_file_size_mb=0"))
        .hasMessage("config key 'publish.target_file_size_mb': must be > 0");
    rejected(() -> load("publish.robot_urdf=")).hasMessageStartingWith("config key 'publish.robot_urdf': must be set");
  }

  @Test
  void fileCountFollowsTheTargetSize() {
    assertThat(GoldWrites.fileCount(0, 256)).isEqualTo(1);
    assertThat(GoldWrites.fileCount(256L << 20, 256)).isEqualTo(1);
    assertThat(GoldWrites.fileCount((256L << 20) + 1, 256)).isEqualTo(2);
    assertThat(GoldWrites.fileCount(10L << 30, 128)).isEqualTo(80);
  }
}
