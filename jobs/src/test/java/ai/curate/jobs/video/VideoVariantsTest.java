package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.testing.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged and altered copies of the fixture, made by the ffmpeg CLI at test time, prove what the analyser detects.
 * Filtered variants are compared with a control encoded the same way without the filter, so only the filter differs.
 */
class VideoVariantsTest {
  private static final int FRAMES = 90;
  private static final Map<String, Path> MADE = new ConcurrentHashMap<>();

  @TempDir
  static Path dir;

  private final VideoAnalyzer analyzer = new VideoAnalyzer(VideoAnalysisOptions.defaults());

  @BeforeAll
  static void needsFfmpeg() {
    TestVideos.assumeFfmpeg();
  }

  private static Path variant(String name, Function<Path, Path> make) {
    return MADE.computeIfAbsent(name, n -> make.apply(dir.resolve(n)));
  }

  private static Path encoded(String name, String filter) {
    return variant(name, out -> TestVideos.encode(dir, name, FRAMES, filter));
  }

  private static Path control() {
    return encoded("control.mp4", null);
  }

  /** The fixture with its index (moov) moved to the front, as streaming uploads write it. */
  private static Path fastStart() {
    return variant("faststart.mp4", out -> {
      TestVideos.ffmpeg("-i", Fixtures.handVideo().toString(), "-c", "copy", "-movflags", "+faststart", out.toString());
      return out;
    });
  }

  @Test
  void theControlEncodeIsCleanAndComplete() throws Exception {
    VideoSummary s = analyzer.analyze(control()).summary();

    assertThat(s.timing().frameCount()).isEqualTo(FRAMES);
    assertThat(s.integrity().status()).isEqualTo(VideoIntegrity.OK);
    assertThat(s.timing().variableFrameRate()).isFalse();
  }

  @Test
  void aDarkenedCopyHasLowerBrightness() throws Exception {
    VideoSummary control = analyzer.analyze(control()).summary();
    VideoSummary dark = analyzer.analyze(encoded("dark.mp4", "lutyuv=y=val*0.5")).summary();

    assertThat(dark.meanBrightness()).isLessThan(control.meanBrightness() * 0.7);
  }

  @Test
  void aBlurredCopyHasLowerSharpness() throws Exception {
    VideoSummary control = analyzer.analyze(control()).summary();
    VideoSummary blurred = analyzer.analyze(encoded("blur.mp4", "gblur=sigma=6")).summary();

    assertThat(blurred.meanSharpness()).isLessThan(control.meanSharpness() * 0.5);
    // Blur changes detail, not exposure.
    assertThat(blurred.meanBrightness()).isCloseTo(control.meanBrightness(),
        org.assertj.core.data.Percentage.withPercentage(5));
  }

  @Test
  void droppingFramesIrregularlyIsDetectedAsVariableFrameRate() throws Exception {
    Path vfr = variant("vfr.mp4", out -> {
      TestVideos.ffmpeg("-i", Fixtures.handVideo().toString(), "-frames:v", String.valueOf(FRAMES),
          "-vf", "select='not(mod(n\\,3))+not(mod(n\\,5))'", "-vsync", "vfr", "-an",
          "-c:v", "libx264", "-preset", "ultrafast", "-threads", "1", out.toString());
      return out;
    });
    VideoSummary s = analyzer.analyze(vfr).summary();

    assertThat(s.timing().variableFrameRate()).isTrue();
    assertThat(s.timing().spread()).isGreaterThan(0.5);
    assertThat(s.timing().measuredFps()).isLessThan(20.0);
    // Irregular timing is not damage: every declared frame is there.
    assertThat(s.integrity().status()).isEqualTo(VideoIntegrity.OK);
  }

  @Test
  void rotationMetadataIsRead() throws Exception {
    Path rotated = variant("rotated90.mp4", out -> {
      TestVideos.ffmpeg("-i", Fixtures.handVideo().toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90",
          out.toString());
      return out;
    });
    Path rotated270 = variant("rotated270.mp4", out -> {
      TestVideos.ffmpeg("-i", Fixtures.handVideo().toString(), "-c", "copy", "-metadata:s:v:0", "rotate=270",
          out.toString());
      return out;
    });

    VideoSummary s = analyzer.analyze(rotated).summary();
    assertThat(s.declared().rotationDegrees()).isEqualTo(90);
    assertThat(analyzer.analyze(rotated270).summary().declared().rotationDegrees()).isEqualTo(270);
    // Coded size is reported as stored; the frames are unchanged.
    assertThat(s.declared().codedWidth()).isEqualTo(1280);
    assertThat(s.timing().frameCount()).isEqualTo(TestVideos.FIXTURE_FRAMES);
  }

  @Test
  void aFileCutShortWithItsIndexAtTheFrontIsReportedTruncated() throws Exception {
    Path cut = variant("truncated_faststart.mp4", out -> TestVideos.truncate(fastStart(), out, 0.6));
    VideoSummary s = analyzer.analyze(cut).summary();

    assertThat(s.integrity().truncated()).isTrue();
    assertThat(s.integrity().coverage()).isLessThan(0.8);
    assertThat(s.integrity().missingFrames()).isGreaterThan(100);
    assertThat(s.integrity().status()).isEqualTo(VideoIntegrity.DAMAGED);
    assertThat(s.declared().declaredFrameCount()).isEqualTo((long) TestVideos.FIXTURE_FRAMES);
  }

  @Test
  void aFileCutShortWithItsIndexAtTheEndIsUnreadable() {
    Path cut = variant("truncated.mp4", out -> TestVideos.truncate(Fixtures.handVideo(), out, 0.5));

    assertThatThrownBy(() -> analyzer.analyze(cut))
        .isInstanceOf(VideoUnreadableException.class)
        .hasMessageContaining("FFmpeg cannot open it")
        .hasMessageContaining("moov atom not found");
  }

  @Test
  void aByteCorruptedFileIsReportedCorruptWithFfmpegsMessages() throws Exception {
    Path corrupt = variant("corrupt.mp4", out -> TestVideos.corrupt(Fixtures.handVideo(), out, 200, 42));
    VideoSummary s = analyzer.analyze(corrupt).summary();

    assertThat(s.decodeErrors()).isPositive();
    assertThat(s.integrity().corrupt()).isTrue();
    assertThat(s.integrity().status()).isEqualTo(VideoIntegrity.DAMAGED);
    assertThat(s.decodeErrorMessages()).isNotEmpty().allSatisfy(m -> assertThat(m).doesNotContain("@ 0x"));
  }

  @Test
  void aRepeatedFrameIsFrozen() throws Exception {
    VideoSummary control = analyzer.analyze(control()).summary();
    VideoSummary looped = analyzer.analyze(encoded("frozen.mp4", "loop=loop=20:size=1:start=30")).summary();

    assertThat(control.frozenFrameCount()).isZero();
    assertThat(looped.frozenFrameCount()).isGreaterThanOrEqualTo(20);
  }

  @Test
  void blackFramesAreFlaggedAndTheirEdgesAreSceneCuts() throws Exception {
    VideoAnalysis analysis = analyzer.analyze(
        encoded("black.mp4", "drawbox=x=0:y=0:w=iw:h=ih:color=black:t=fill:enable='between(n,40,49)'"));

    assertThat(analysis.summary().blackFrameCount()).isEqualTo(10);
    assertThat(analysis.frames().subList(40, 50)).allMatch(FrameSignals::black);
    assertThat(analysis.frames().get(40).sceneCut()).isTrue();
    assertThat(analysis.frames().get(50).sceneCut()).isTrue();
    assertThat(analysis.frames().get(45).brightness()).isLessThan(5.0);
  }

  @Test
  void aFileWithoutVideoIsUnreadable() {
    Path audio = variant("audio_only.mp4", out -> {
      TestVideos.ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", out.toString());
      return out;
    });

    assertThatThrownBy(() -> analyzer.analyze(audio))
        .isInstanceOf(VideoUnreadableException.class).hasMessageContaining("no video stream");
  }
}
