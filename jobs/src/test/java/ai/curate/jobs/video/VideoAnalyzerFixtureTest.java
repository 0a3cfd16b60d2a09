package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.curate.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analyser on the real 720p H.264 fixture (no ffmpeg CLI needed). */
class VideoAnalyzerFixtureTest {
  private static VideoAnalysis full;

  @BeforeAll
  static void analyseOnce() throws Exception {
    full = new VideoAnalyzer(VideoAnalysisOptions.defaults()).analyze(Fixtures.handVideo());
  }

  @Test
  void decodesAll621FramesInOrderWithStrictlyIncreasingTimestamps() {
    List<FrameSignals> frames = full.frames();

    assertThat(frames).hasSize(TestVideos.FIXTURE_FRAMES);
    for (int i = 0; i < frames.size(); i++) {
      assertThat(frames.get(i).frameIndex()).isEqualTo(i);
      if (i > 0) {
        assertThat(frames.get(i).ptsUs()).isGreaterThan(frames.get(i - 1).ptsUs());
      }
    }
    assertThat(frames.get(0).ptsUs()).isZero();
    assertThat(frames.get(620).ptsUs()).isEqualTo(1_000_000L * 620 * 512 / 15360);
    assertThat(frames.get(0).keyFrame()).isTrue();
  }

  @Test
  void summaryDescribesTheStreamAndFindsNoDamage() {
    VideoSummary s = full.summary();

    assertThat(s.declared().codec()).isEqualTo("h264");
    assertThat(s.declared().containerFormat()).contains("mp4");
    assertThat(s.declared().pixelFormat()).isEqualTo("yuv420p");
    assertThat(s.declared().codedWidth()).isEqualTo(1280);
    assertThat(s.declared().codedHeight()).isEqualTo(720);
    assertThat(s.declared().rotationDegrees()).isZero();
    assertThat(s.declared().declaredFps()).isEqualTo(30.0);
    assertThat(s.declared().declaredFrameCount()).isEqualTo(621L);
    assertThat(s.declared().streamDurationUs()).isEqualTo(20_700_000L);
    assertThat(s.timing().measuredFps()).isCloseTo(30.0, within(0.01));
    assertThat(s.timing().variableFrameRate()).isFalse();
    assertThat(s.timing().nonIncreasingCount()).isZero();
    assertThat(s.decodeErrors()).isZero();
    assertThat(s.integrity().missingFrames()).isZero();
    assertThat(s.integrity().truncated()).isFalse();
    assertThat(s.integrity().status()).isEqualTo(VideoIntegrity.OK);
    assertThat(s.signalWidth()).isEqualTo(160);
    assertThat(s.signalHeight()).isEqualTo(90);
    assertThat(s.ptsMissingCount()).isZero();
  }

  @Test
  void frameSignalsAreThoseOfAnOrdinaryLitScene() {
    VideoSummary s = full.summary();

    assertThat(s.meanBrightness()).isBetween(60.0, 200.0);
    assertThat(s.meanContrast()).isGreaterThan(10.0);
    assertThat(s.meanSharpness()).isGreaterThan(10.0);
    assertThat(s.blackFrameCount()).isZero();
    // A hand moving in front of a static camera: every frame changes somewhere, and there is no edit in the clip.
    assertThat(s.sceneCutCount()).isZero();
    assertThat(s.frozenFrameCount()).isZero();
  }

  @Test
  void rerunningGivesIdenticalResults() throws Exception {
    VideoAnalysis again = new VideoAnalyzer(VideoAnalysisOptions.defaults()).analyze(Fixtures.handVideo());

    assertThat(again).isEqualTo(full);
  }

  @Test
  void keyFrameTriageDecodesOnlyKeyFramesWithEstimatedIndices() throws Exception {
    VideoAnalysis triage = new VideoAnalyzer(VideoAnalysisOptions.defaults().withKeyframesOnly(true))
        .analyze(Fixtures.handVideo());

    List<FrameSignals> keys = triage.frames();
    assertThat(keys).isNotEmpty().hasSizeLessThan(TestVideos.FIXTURE_FRAMES / 10);
    assertThat(keys).allMatch(FrameSignals::keyFrame);
    for (FrameSignals k : keys) {
      FrameSignals same = full.frames().get(k.frameIndex());
      assertThat(same.ptsUs()).isEqualTo(k.ptsUs());
      assertThat(k.brightness()).isEqualTo(same.brightness());
    }
    assertThat(triage.summary().keyframesOnly()).isTrue();
    assertThat(triage.summary().integrity().truncated()).isNull();
    assertThat(triage.summary().integrity().status()).isEqualTo(VideoIntegrity.OK);
  }

  @Test
  void aWiderSignalImageKeepsTheAspectRatio() throws Exception {
    VideoAnalysis wide = new VideoAnalyzer(VideoAnalysisOptions.defaults().withSignalWidth(320).withKeyframesOnly(true))
        .analyze(Fixtures.handVideo());

    assertThat(wide.summary().signalWidth()).isEqualTo(320);
    assertThat(wide.summary().signalHeight()).isEqualTo(180);
  }

  @Test
  void aMissingFileIsUnreadable(@TempDir Path dir) {
    assertThatThrownBy(() -> new VideoAnalyzer(VideoAnalysisOptions.defaults()).analyze(dir.resolve("nope.mp4")))
        .isInstanceOf(VideoUnreadableException.class).hasMessageContaining("not found");
  }

  @Test
  void aFileThatIsNotAVideoIsUnreadableAndSaysWhatFfmpegSaid(@TempDir Path dir) throws Exception {
    Path text = Files.writeString(dir.resolve("video.mp4"), "this is not a video\n".repeat(100));

    assertThatThrownBy(() -> new VideoAnalyzer(VideoAnalysisOptions.defaults()).analyze(text))
        .isInstanceOf(VideoUnreadableException.class)
        .hasMessageContaining("FFmpeg cannot open it")
        .hasMessageNotContaining("setFormat");
  }
}
