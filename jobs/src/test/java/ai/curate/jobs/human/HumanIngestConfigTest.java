package ai.curate.jobs.human;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.UserError;
import ai.curate.jobs.stages.StageContext;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code human_ingest} config section selects the stage's settings (triage mode included); no Spark needed. */
class HumanIngestConfigTest {
  @TempDir
  Path dir;

  private CurateConfig load(String... overrides) throws IOException {
    return ConfigFixtures.withSettings(Map.of("paths.raw", "raw", "paths.warehouse", "wh")).load(dir, overrides);
  }

  private static HumanIngestSettings used(CurateConfig config) {
    return new HumanIngestStage().settingsFor(new StageContext(null, config, LocalDate.parse("2026-01-15"), "r"));
  }

  @Test
  void defaultsAreFullDecodeAtTheDefaultSignalWidth() throws IOException {
    assertThat(used(load())).isEqualTo(HumanIngestSettings.defaults());
  }

  @Test
  void keyframeTriageIsSelectableInConfig() throws IOException {
    HumanIngestSettings s = used(load("human_ingest.keyframes_only=true", "human_ingest.signal_width=96"));
    assertThat(s.keyframesOnly()).isTrue();
    assertThat(s.videoOptions().keyframesOnly()).isTrue();
    assertThat(s.signalWidth()).isEqualTo(96);
  }

  @Test
  void settingsGivenToTheConstructorWin() throws IOException {
    HumanIngestSettings given = HumanIngestSettings.defaults().withKeyframesOnly(true);
    assertThat(new HumanIngestStage(given).settingsFor(new StageContext(null, load(), LocalDate.now(), "r")))
        .isSameAs(given);
  }

  @Test
  void faceBlurIsOffByDefaultAndItsCopiesGoUnderTheWarehouseWhenOn() throws IOException {
    assertThat(used(load()).faceBlur()).isNull();

    HumanIngestSettings on = used(
        load("human_ingest.face_blur.enabled=true", "human_ingest.face_blur.min_neighbors=5"));
    assertThat(on.faceBlur().output()).isEqualTo(dir.resolve("wh").toString() + "/deidentified/human");
    assertThat(on.faceBlur().options().minNeighbors()).isEqualTo(5);
    assertThat(on.faceBlur().options().cascade()).isEqualTo("haarcascade_frontalface_alt2.xml");

    HumanIngestSettings elsewhere = used(load("human_ingest.face_blur.enabled=true",
        "human_ingest.face_blur.output=s3a://private-bucket/deid"));
    assertThat(elsewhere.faceBlur().output()).isEqualTo("s3a://private-bucket/deid");
  }

  @Test
  void badFaceBlurSettingsAreUserErrorsEvenWhileThePassIsOff() {
    assertThatThrownBy(() -> load("human_ingest.face_blur.cascade=eyes.xml"))
        .isInstanceOf(UserError.class).hasMessageContaining("face_blur.cascade").hasMessageContaining("alt2");
    assertThatThrownBy(() -> load("human_ingest.face_blur.enabled=true", "human_ingest.face_blur.scale_factor=1.0"))
        .isInstanceOf(UserError.class).hasMessageContaining("face_blur.scale_factor");
  }

  @Test
  void invalidValuesNameTheSection() {
    assertThatThrownBy(() -> load("human_ingest.max_pose_errors_per_clip=0")).isInstanceOf(UserError.class)
        .hasMessageContaining("human_ingest").hasMessageContaining("max_pose_errors_per_clip");
    assertThatThrownBy(() -> load("human_ingest.signal_width=4")).isInstanceOf(UserError.class)
        .hasMessageContaining("human_ingest");
    assertThatThrownBy(() -> load("human_ingest.keyframes=true")).isInstanceOf(UserError.class)
        .hasMessageContaining("human_ingest.keyframes");
  }
}
