package ai.curate.jobs.human;

import static ai.curate.jobs.config.ConfigFixtures.rejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
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
    rejected(() -> load("human_ingest.face_blur.cascade=eyes.xml")).hasMessageContaining("face_blur.cascade")
        .hasMessageContaining("alt2");
    rejected(() -> load("human_ingest.face_blur.enabled=true", "human_ingest.face_blur.scale_factor=1.0"))
        .hasMessageContaining("face_blur.scale_factor");
  }

  @Test
  void invalidValuesNameTheSection() {
    rejected(() -> load("human_ingest.max_pose_errors_per_clip=0"))
        .hasMessageContaining("human_ingest").hasMessageContaining("max_pose_errors_per_clip");
    rejected(() -> load("human_ingest.signal_width=4")).hasMessageContaining("human_ingest");
    rejected(() -> load("human_ingest.keyframes=true")).hasMessageContaining("human_ingest.keyframes");
  }

  @Test
  void readLimitsComeFromTheSectionAndAreValidated() throws IOException {
    assertThat(used(load()).limits()).isEqualTo(new HumanIngestSettings.ReadLimits(16L << 20, 1L << 20, 1L << 30));
    assertThat(used(load("human_ingest.max_clip_json_bytes=4096", "human_ingest.max_pose_line_bytes=65536",
        "human_ingest.max_pose_file_bytes=1000000")).limits())
        .isEqualTo(new HumanIngestSettings.ReadLimits(4096, 65536, 1_000_000));
    rejected(() -> load("human_ingest.max_pose_line_bytes=0"))
        .hasMessage("config key 'human_ingest.max_pose_line_bytes': must be between 1 and 268435456, got 0");
    rejected(() -> load("human_ingest.max_clip_json_bytes=4294967296"))
        .hasMessageContaining("human_ingest.max_clip_json_bytes");
    rejected(() -> load("human_ingest.max_pose_file_bytes=-1"))
        .hasMessageContaining("human_ingest.max_pose_file_bytes");
  }

  @Test
  void theCliUsesTheSameBuiltInLimitsAsTheSettingsDefaults() {
    assertThat(ai.curate.retargeting.pose.PoseJsonlReader.DEFAULT_MAX_LINE_BYTES)
        .isEqualTo(HumanIngestSettings.ReadLimits.defaults().poseLineBytes());
    assertThat(ai.curate.retargeting.pose.PoseJsonlReader.DEFAULT_MAX_FILE_BYTES)
        .isEqualTo(HumanIngestSettings.ReadLimits.defaults().poseFileBytes());
    assertThat(ai.curate.retargeting.cli.RetargetTool.MAX_CLIP_JSON_BYTES)
        .isEqualTo(HumanIngestSettings.ReadLimits.defaults().clipJsonBytes());
  }

  @Test
  void aFaceBlurOutputInsideTheLandingZoneOrContainingItIsRefused() {
    String key = "config key 'human_ingest.face_blur.output'";
    // paths.raw is "raw" beside the config (--set values are relative to the working directory, so these are
    // absolute): the same folder, a folder inside it, or its parent are all refused.
    for (String output : new String[] {dir + "/raw", dir + "/raw/deidentified", dir + "/raw/../raw/x", dir + "/.",
        "file:" + dir + "/raw/"}) {
      assertThatThrownBy(() -> load("human_ingest.face_blur.enabled=true", "human_ingest.face_blur.output=" + output))
          .as(output).isInstanceOf(UserError.class).hasMessageStartingWith(key)
          .hasMessageContaining("keep de-identified copies and the landing zone apart");
    }
    // Also while the pass is off: a bad value fails at load, not on the day the pass is turned on.
    rejected(() -> load("human_ingest.face_blur.output=" + dir + "/raw/copies")).hasMessageStartingWith(key);
    // The default (under the warehouse), a sibling whose name only starts like raw's, and an object store are fine.
    assertThatCode(() -> load("human_ingest.face_blur.enabled=true")).doesNotThrowAnyException();
    assertThatCode(() -> load("human_ingest.face_blur.enabled=true",
        "human_ingest.face_blur.output=" + dir + "/raw-deid"))
        .doesNotThrowAnyException();
    assertThatCode(() -> load("human_ingest.face_blur.enabled=true",
        "human_ingest.face_blur.output=s3a://private-bucket/deid")).doesNotThrowAnyException();
  }

  @Test
  void aLandingZoneReachedThroughALinkIsStillTheLandingZone() throws IOException {
    java.nio.file.Files.createDirectories(dir.resolve("raw"));
    java.nio.file.Files.createSymbolicLink(dir.resolve("link-to-raw"), dir.resolve("raw"));
    rejected(() -> load("human_ingest.face_blur.enabled=true",
        "human_ingest.face_blur.output=" + dir + "/link-to-raw/deid"))
        .hasMessageContaining("human_ingest.face_blur.output");
  }

  @Test
  void theStageRefusesFaceBlurSettingsGivenDirectlyThatWriteIntoTheLandingZone() throws IOException {
    CurateConfig config = load();
    HumanIngestSettings inRaw = HumanIngestSettings.defaults().withFaceBlur(new HumanIngestSettings.FaceBlur(
        new ai.curate.jobs.video.FaceBlurOptions("haarcascade_frontalface_alt2.xml", 1.1, 3, 0.05, 640, 0.2),
        config.paths().raw() + "/deid"));
    StageContext ctx = new StageContext(null, config, LocalDate.parse("2026-01-15"), "r");

    assertThatThrownBy(() -> new HumanIngestStage(inRaw).run(ctx)).isInstanceOf(UserError.class)
        .hasMessageStartingWith("config key 'human_ingest.face_blur.output'");
  }
}
