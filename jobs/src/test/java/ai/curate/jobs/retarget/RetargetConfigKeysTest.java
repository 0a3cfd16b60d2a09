package ai.curate.jobs.retarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.ConfigLoader;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code retarget} config section: defaults, path resolution, and validation errors that name the key. */
class RetargetConfigKeysTest {
  @TempDir
  Path dir;

  private static CurateConfig load(Path file, String... sets) {
    List<String> all = new ArrayList<>(List.of("paths.raw=/r", "paths.warehouse=/w"));
    all.addAll(List.of(sets));
    return new ConfigLoader().load(file, all);
  }

  @Test
  void defaultsAreNeoHandsInOneMinuteChunks() {
    CurateConfig.RetargetStageConfig r = load(null).retarget();
    assertThat(r.robotConfig()).isEqualTo("configs/robots/neo/retarget-hands.yaml");
    assertThat(r.chunkFrames()).isEqualTo(1800);
    assertThat(r.overlapFrames()).isEqualTo(60);
    assertThat(r.armBaseLink()).isEqualTo("torso");
    // the relative built-in default resolves against the installation folder
    String before = System.getProperty("curate.home");
    try {
      System.setProperty("curate.home", "/opt/curate");
      assertThat(RetargetStage.robotConfigPath(r.robotConfig()))
          .isEqualTo(Path.of("/opt/curate/configs/robots/neo/retarget-hands.yaml"));
    } finally {
      if (before == null) {
        System.clearProperty("curate.home");
      } else {
        System.setProperty("curate.home", before);
      }
    }
  }

  @Test
  void aRelativeRobotConfigInAFileResolvesAgainstTheFilesFolder() throws IOException {
    Path file = ConfigFixtures.withSettings(Map.of("retarget.robot_config", "robots/allegro.yaml",
        "retarget.chunk_frames", 300)).writeTo(dir.resolve("conf/curate.yaml"));
    CurateConfig.RetargetStageConfig r = load(file).retarget();
    assertThat(r.robotConfig()).isEqualTo(dir.resolve("conf/robots/allegro.yaml").toString());
    assertThat(r.chunkFrames()).isEqualTo(300);
    assertThat(r.overlapFrames()).as("left at its default").isEqualTo(60);
  }

  @Test
  void badValuesNameTheKey() {
    assertThatThrownBy(() -> load(null, "retarget.chunk_frames=0")).isInstanceOf(UserError.class)
        .hasMessageContaining("retarget.chunk_frames");
    assertThatThrownBy(() -> load(null, "retarget.chunk_frames=100", "retarget.overlap_frames=50"))
        .isInstanceOf(UserError.class).hasMessageContaining("retarget.overlap_frames");
    assertThatThrownBy(() -> load(null, "retarget.overlap_frames=-1")).isInstanceOf(UserError.class)
        .hasMessageContaining("retarget.overlap_frames");
    assertThatThrownBy(() -> load(null, "retarget.robot_config=")).isInstanceOf(UserError.class)
        .hasMessageContaining("retarget.robot_config");
    assertThatThrownBy(() -> load(null, "retarget.chunk_frame=10")).isInstanceOf(UserError.class)
        .hasMessageContaining("chunk_frame");
  }

  @Test
  void aMissingOrBrokenRobotConfigIsAUserErrorNamingTheKey() throws IOException {
    assertThatThrownBy(() -> RobotConfigSource.read(dir.resolve("nope.yaml"))).isInstanceOf(UserError.class)
        .hasMessageContaining("retarget.robot_config").hasMessageContaining("nope.yaml");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "urdf: missing.urdf\n");
    assertThatThrownBy(() -> RobotConfigSource.read(bad)).isInstanceOf(UserError.class)
        .hasMessageContaining("retarget.robot_config").hasMessageContaining("urdf");
  }

  @Test
  void theShippedConfigLoadsTheSameRobotAsTheFile() {
    RobotConfigSource.Loaded loaded = RobotConfigSource.read(RetargetTestInputs.neoConfigFile());
    assertThat(loaded.source().config().tree().coordinateNames()).isEqualTo(loaded.config().tree().coordinateNames());
    assertThat(loaded.source().config().hands()).isEqualTo(loaded.config().hands());
  }
}
