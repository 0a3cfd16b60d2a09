package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.video.EncodedFrameMuxer.FrameCodec;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frames encoded by other writers (the JDK's JPEG and PNG writers; the ffmpeg CLI's x264), muxed into an MP4, read
 * back by FFmpeg: every packet is the frame untouched, frame k decodes to frame k, at the declared rate.
 */
class EncodedFrameMuxerTest {
  @TempDir
  Path temp;

  @Test
  void jpegImagesBecomeMjpegFramesInOrderByteForByte() throws Exception {
    assertMuxed(FrameCodec.MJPEG, "jpeg", "mjpeg");
  }

  @Test
  void pngImagesBecomePngFramesInOrderByteForByte() throws Exception {
    assertMuxed(FrameCodec.PNG, "png", "png");
  }

  private void assertMuxed(FrameCodec codec, String imageFormat, String ffmpegCodec) throws Exception {
    Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE, Color.BLACK};
    List<byte[]> images = new ArrayList<>();
    for (Color c : colours) {
      images.add(encode(c, imageFormat));
    }
    Path mp4 = temp.resolve(imageFormat + ".mp4");
    try (EncodedFrameMuxer muxer = EncodedFrameMuxer.open(mp4, codec, 64, 48, 15)) {
      for (byte[] image : images) {
        muxer.write(image);
      }
      assertThat(muxer.frames()).isEqualTo(colours.length);
    }

    List<byte[]> packets = new ArrayList<>();
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(mp4.toFile())) {
      grabber.start();
      assertThat(grabber.getVideoCodecName()).isEqualTo(ffmpegCodec);
      assertThat(grabber.getFormat()).contains("mp4");
      assertThat(grabber.getImageWidth()).isEqualTo(64);
      assertThat(grabber.getFrameRate()).isCloseTo(15.0, org.assertj.core.data.Offset.offset(1e-6));
      AVPacket p;
      while ((p = grabber.grabPacket()) != null) {
        byte[] b = new byte[p.size()];
        p.data().get(b);
        packets.add(b);
      }
    }
    assertThat(packets).hasSize(images.size());
    for (int k = 0; k < images.size(); k++) {
      assertThat(packets.get(k)).as("packet %d", k).isEqualTo(images.get(k));
    }

    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(mp4.toFile());
        Java2DFrameConverter converter = new Java2DFrameConverter()) {
      grabber.start();
      for (int k = 0; k < colours.length; k++) {
        Frame f = grabber.grabImage();
        assertThat(f).as("frame %d", k).isNotNull();
        assertThat(f.timestamp).as("frame %d at k / 15 s", k).isCloseTo(Math.round(k * 1e6 / 15),
            org.assertj.core.data.Offset.offset(1L));
        Color got = new Color(converter.convert(f).getRGB(32, 24));
        assertThat(Math.abs(got.getRed() - colours[k].getRed()) + Math.abs(got.getGreen() - colours[k].getGreen())
            + Math.abs(got.getBlue() - colours[k].getBlue())).as("frame %d colour %s", k, got).isLessThan(30);
      }
      assertThat(grabber.grabImage()).isNull();
    }
  }

  /**
   * H.264 access units from an Annex B stream that the ffmpeg CLI (x264, no B-frames, a key frame every 8) wrote:
   * muxed, the MP4 decodes to exactly the same pictures, and ffprobe counts every frame.
   */
  @Test
  void h264AccessUnitsFromAnIndependentEncoderDecodeToTheSamePictures() throws Exception {
    TestVideos.assumeFfmpeg();
    List<byte[]> units = TestVideos.h264AccessUnits(temp, 20);
    assertThat(units).hasSize(20);
    assertThat(FrameCodec.H264.isKeyFrame(units.get(0))).isTrue();
    assertThat(FrameCodec.H264.isKeyFrame(units.get(1))).isFalse();
    assertThat(FrameCodec.H264.isKeyFrame(units.get(8))).isTrue();

    Path mp4 = temp.resolve("h264.mp4");
    try (EncodedFrameMuxer muxer = EncodedFrameMuxer.open(mp4, FrameCodec.H264, 96, 64, 25)) {
      for (byte[] unit : units) {
        muxer.write(unit);
      }
    }
    assertThat(ffprobe(mp4)).isEqualTo("h264,96,64,25/1,20");
    List<String> muxed = frameHashes(mp4);
    assertThat(muxed).as("decoded pictures, by the ffmpeg CLI").hasSize(20)
        .isEqualTo(frameHashes(temp.resolve("x264-20.h264")));
    assertThat(new VideoAnalyzer(VideoAnalysisOptions.defaults()).analyze(mp4).summary().timing().frameCount())
        .isEqualTo(20);

    // Frames before the first key frame could not be decoded: such a topic is refused, not muxed short.
    try (EncodedFrameMuxer muxer = EncodedFrameMuxer.open(temp.resolve("late.mp4"), FrameCodec.H264, 96, 64, 25)) {
      assertThatThrownBy(() -> muxer.write(units.get(1))).isInstanceOf(VideoUnreadableException.class)
          .hasMessageContaining("not a key frame");
    }
  }

  /** codec, width, height, frame rate and decoded frame count, as ffprobe (Debian's) reads the file. */
  private static String ffprobe(Path video) throws Exception {
    Process p = new ProcessBuilder("ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
        "-show_entries", "stream=codec_name,width,height,r_frame_rate,nb_read_frames", "-of", "csv=p=0",
        video.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    assertThat(p.waitFor()).as(out).isZero();
    return out;
  }

  /** The MD5 of every decoded picture, in order, as {@code ffmpeg -f framemd5} computes them. */
  private List<String> frameHashes(Path video) throws IOException {
    Path out = temp.resolve(video.getFileName() + ".framemd5");
    TestVideos.ffmpeg("-i", video.toString(), "-an", "-f", "framemd5", out.toString());
    return Files.readAllLines(out).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
        .map(l -> l.substring(l.lastIndexOf(',') + 1).trim()).toList();
  }

  @Test
  void formatsNameTheirCodecAndOthersNone() {
    assertThat(FrameCodec.ofFormat("jpeg")).isEqualTo(FrameCodec.MJPEG);
    assertThat(FrameCodec.ofFormat("JPG")).isEqualTo(FrameCodec.MJPEG);
    assertThat(FrameCodec.ofFormat("rgb8; jpeg compressed bgr8")).isEqualTo(FrameCodec.MJPEG);
    assertThat(FrameCodec.ofFormat("png")).isEqualTo(FrameCodec.PNG);
    assertThat(FrameCodec.ofFormat("h264")).isEqualTo(FrameCodec.H264);
    assertThat(FrameCodec.ofFormat("h265")).isNull();
    assertThat(FrameCodec.ofFormat("vp9")).isNull();
    assertThat(FrameCodec.ofFormat(null)).isNull();
  }

  @Test
  void aClosedMuxerAndAnEmptyImageAreRefused() throws Exception {
    Path mp4 = temp.resolve("x.mp4");
    EncodedFrameMuxer muxer = EncodedFrameMuxer.open(mp4, FrameCodec.MJPEG, 64, 48, 30);
    assertThatThrownBy(() -> muxer.write(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    muxer.close();
    assertThatThrownBy(() -> muxer.write(encode(Color.RED, "jpeg"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> EncodedFrameMuxer.open(temp.resolve("y.mp4"), FrameCodec.MJPEG, 64, 48, 0))
        .isInstanceOf(IllegalArgumentException.class);
    EncodedFrameMuxer nowhere = EncodedFrameMuxer.open(temp.resolve("no/such/folder/z.mp4"), FrameCodec.MJPEG, 64, 48,
        30);
    assertThatThrownBy(() -> nowhere.write(encode(Color.RED, "jpeg"))).isInstanceOf(VideoUnreadableException.class)
        .hasMessageContaining("open for writing").hasMessageEndingWith("(-2)");
    // No frame, no file.
    EncodedFrameMuxer.open(temp.resolve("empty.mp4"), FrameCodec.MJPEG, 64, 48, 30).close();
    assertThat(temp.resolve("empty.mp4")).doesNotExist();
    assertThat(Files.exists(temp.resolve("no"))).isFalse();
  }

  private static byte[] encode(Color colour, String format) throws IOException {
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_3BYTE_BGR);
    Graphics2D g = image.createGraphics();
    g.setColor(colour);
    g.fillRect(0, 0, 64, 48);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(image, format, out)).isTrue();
    return out.toByteArray();
  }
}
