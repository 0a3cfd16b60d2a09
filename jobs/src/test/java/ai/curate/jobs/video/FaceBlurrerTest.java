package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.testing.Fixtures;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.opencv_core.Rect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The face-blur pass on real encoded videos made at test time: a drawn face (skin oval, eyes, brows, nose, mouth:
 * the pattern OpenCV's frontal cascades respond to) moving across a grey background, the same face stored sideways
 * with a display rotation, and the real hand fixture, which shows no face. The detector is the real OpenCV cascade
 * from the opencv jar; the proof that faces are hidden is that the same detector no longer finds them in the copy.
 */
class FaceBlurrerTest {
  private static final int FRAMES = 45;

  @TempDir
  static Path dir;
  private static Path faceVideo;
  private static Path sidewaysVideo;

  private final FaceBlurrer blurrer = new FaceBlurrer(FaceBlurOptions.defaults());

  @BeforeAll
  static void makeVideos() throws IOException {
    TestVideos.assumeFfmpeg();
    Path face = dir.resolve("face.png");
    ImageIO.write(drawnFace(400), "png", face.toFile());
    faceVideo = dir.resolve("face.mp4");
    // 960x540 at 30 fps, the face sliding right; softened like a camera image.
    TestVideos.ffmpeg("-f", "lavfi", "-i", "color=c=0x5a5a5a:s=960x540:r=30", "-loop", "1", "-i", face.toString(),
        "-filter_complex", "[1]gblur=sigma=2.5[f];[0][f]overlay=x='80+200*t':y=70,format=yuv420p",
        "-frames:v", String.valueOf(FRAMES), "-an", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "16",
        "-threads", "1", faceVideo.toString());
    // Stored turned 90 degrees counter-clockwise, tagged so players turn it back: upright only when displayed.
    Path stored = dir.resolve("sideways-stored.mp4");
    TestVideos.ffmpeg("-i", faceVideo.toString(), "-vf", "transpose=2", "-an", "-c:v", "libx264", "-preset",
        "ultrafast", "-crf", "16", "-threads", "1", stored.toString());
    sidewaysVideo = dir.resolve("sideways.mp4");
    TestVideos.ffmpeg("-i", stored.toString(), "-c", "copy", "-metadata:s:v:0", "rotate=90", sidewaysVideo.toString());
  }

  /** A face as a grey-level drawing on a {@code size x size} grey square. */
  static BufferedImage drawnFace(int size) {
    BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    double s = size / 480.0;
    int c = size / 2;
    fill(g, 90, 0, 0, size, size);
    ellipse(g, 200, c, c, 160 * s, 210 * s);
    for (int dx : new int[] {-35, 35}) {
      ellipse(g, 40, c + dx * s, c - 25 * s, 36 * s, 18 * s);
      ellipse(g, 70, c + dx * s, c - 48 * s, 44 * s, 10 * s);
    }
    ellipse(g, 175, c, c + 10 * s, 16 * s, 44 * s);
    ellipse(g, 60, c, c + 55 * s, 64 * s, 18 * s);
    g.dispose();
    return img;
  }

  private static void fill(Graphics2D g, int grey, int x, int y, int w, int h) {
    g.setColor(new Color(grey, grey, grey));
    g.fillRect(x, y, w, h);
  }

  private static void ellipse(Graphics2D g, int grey, double cx, double cy, double w, double h) {
    g.setColor(new Color(grey, grey, grey));
    g.fill(new java.awt.geom.Ellipse2D.Double(cx - w / 2, cy - h / 2, w, h));
  }

  private FaceBlurResult blur(Path source, String name) throws VideoUnreadableException {
    return blurrer.blur(source, dir.resolve(name));
  }

  @Test
  void findsTheFaceInEveryFrameAndTheCopyNoLongerShowsIt() throws Exception {
    FaceBlurResult result = blur(faceVideo, "face-blurred.mp4");

    assertThat(result.frames()).isEqualTo(FRAMES);
    assertThat(result.framesWithFaces()).isGreaterThanOrEqualTo(FRAMES - 2);
    assertThat(result.maxFacesInFrame()).isEqualTo(1);
    assertThat(result.decodeStopped()).isNull();

    // The same detector, run over the copy, finds nothing left to blur.
    FaceBlurResult again = blur(dir.resolve("face-blurred.mp4"), "face-blurred-twice.mp4");
    assertThat(again.frames()).isEqualTo(FRAMES);
    assertThat(again.framesWithFaces()).isZero();
  }

  @Test
  void theCopyIsFrameForFrameAndOnlyTheFaceLosesDetail() throws Exception {
    blur(faceVideo, "face-copy.mp4");
    VideoAnalyzer analyzer = new VideoAnalyzer(VideoAnalysisOptions.defaults());
    VideoSummary source = analyzer.analyze(faceVideo).summary();
    VideoSummary copy = analyzer.analyze(dir.resolve("face-copy.mp4")).summary();

    assertThat(copy.timing().frameCount()).isEqualTo(source.timing().frameCount());
    assertThat(copy.integrity().status()).isEqualTo(VideoIntegrity.OK);
    assertThat(copy.declared().codedWidth()).isEqualTo(960);
    assertThat(copy.declared().codedHeight()).isEqualTo(540);
    assertThat(copy.meanSharpness()).isLessThan(source.meanSharpness() * 0.8);
    // Blurring moves detail around, not light: overall brightness stays within a few grey levels.
    assertThat(copy.meanBrightness()).isCloseTo(source.meanBrightness(), org.assertj.core.data.Offset.offset(3.0));
  }

  @Test
  void aSidewaysPhoneVideoIsSearchedAsDisplayedAndKeepsItsRotation() throws Exception {
    assertThat(rotationOf(sidewaysVideo)).isEqualTo(90);

    FaceBlurResult result = blur(sidewaysVideo, "sideways-blurred.mp4");

    assertThat(result.framesWithFaces()).isGreaterThanOrEqualTo(FRAMES - 2);
    Path copy = dir.resolve("sideways-blurred.mp4");
    assertThat(new VideoAnalyzer(VideoAnalysisOptions.defaults()).analyze(copy).summary().declared().rotationDegrees())
        .isEqualTo(90);
    assertThat(blur(copy, "sideways-twice.mp4").framesWithFaces()).isZero();
  }

  @Test
  void theHandFixtureIsCopiedWholeAndEveryFrameStays() throws Exception {
    FaceBlurResult result = blur(Fixtures.handVideo(), "hand-copy.mp4");

    assertThat(result.frames()).isEqualTo(TestVideos.FIXTURE_FRAMES);
    VideoAnalysis copy = new VideoAnalyzer(VideoAnalysisOptions.defaults()).analyze(dir.resolve("hand-copy.mp4"));
    assertThat(copy.frames()).hasSize(TestVideos.FIXTURE_FRAMES);
    assertThat(copy.summary().timing().nonIncreasingCount()).isZero();
  }

  @Test
  void boxesFoundUprightMapBackOntoTheStoredPicture() {
    // A 640x360 stored picture displayed turned: the upright picture is 360x640.
    int[] box = {10, 20, 30, 40};
    assertThat(rect(FaceDetector.toStored(box, 0, 640, 360))).containsExactly(10, 20, 30, 40);
    assertThat(rect(FaceDetector.toStored(box, 90, 640, 360))).containsExactly(20, 360 - 10 - 30, 40, 30);
    assertThat(rect(FaceDetector.toStored(box, 270, 640, 360))).containsExactly(640 - 20 - 40, 10, 40, 30);
    assertThat(rect(FaceDetector.toStored(box, 180, 640, 360))).containsExactly(640 - 10 - 30, 360 - 20 - 40, 30, 40);
  }

  @Test
  void aFileThatIsNotAVideoIsReportedNotThrown() throws IOException {
    Path junk = Files.writeString(dir.resolve("junk.mp4"), "not a video");
    assertThatThrownBy(() -> blur(junk, "junk-copy.mp4")).isInstanceOf(VideoUnreadableException.class)
        .hasMessageContaining("cannot open");
    assertThatThrownBy(() -> blur(dir.resolve("missing.mp4"), "missing-copy.mp4"))
        .isInstanceOf(VideoUnreadableException.class).hasMessageContaining("not found");
  }

  private static int[] rect(Rect r) {
    return new int[] {r.x(), r.y(), r.width(), r.height()};
  }

  private static int rotationOf(Path video) {
    org.bytedeco.javacv.FFmpegFrameGrabber g = new org.bytedeco.javacv.FFmpegFrameGrabber(video.toFile());
    try {
      g.start();
      try {
        return StreamFacts.rotation(g);
      } finally {
        g.release();
      }
    } catch (org.bytedeco.javacv.FrameGrabber.Exception e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }
}
