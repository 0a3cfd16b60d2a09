package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.jobs.video.ImageSequenceMuxer.ImageCodec;
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
 * Images encoded by the JDK's own JPEG and PNG writers, muxed into an MP4, read back by FFmpeg: every packet is the
 * image untouched, frame k decodes to image k, at the declared rate.
 */
class ImageSequenceMuxerTest {
  @TempDir
  Path temp;

  @Test
  void jpegImagesBecomeMjpegFramesInOrderByteForByte() throws Exception {
    assertMuxed(ImageCodec.MJPEG, "jpeg", "mjpeg");
  }

  @Test
  void pngImagesBecomePngFramesInOrderByteForByte() throws Exception {
    assertMuxed(ImageCodec.PNG, "png", "png");
  }

  private void assertMuxed(ImageCodec codec, String imageFormat, String ffmpegCodec) throws Exception {
    Color[] colours = {Color.RED, Color.GREEN, Color.BLUE, Color.WHITE, Color.BLACK};
    List<byte[]> images = new ArrayList<>();
    for (Color c : colours) {
      images.add(encode(c, imageFormat));
    }
    Path mp4 = temp.resolve(imageFormat + ".mp4");
    try (ImageSequenceMuxer muxer = ImageSequenceMuxer.open(mp4, codec, 64, 48, 15)) {
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

  @Test
  void formatsNameTheirCodecAndOthersNone() {
    assertThat(ImageCodec.ofFormat("jpeg")).isEqualTo(ImageCodec.MJPEG);
    assertThat(ImageCodec.ofFormat("JPG")).isEqualTo(ImageCodec.MJPEG);
    assertThat(ImageCodec.ofFormat("rgb8; jpeg compressed bgr8")).isEqualTo(ImageCodec.MJPEG);
    assertThat(ImageCodec.ofFormat("png")).isEqualTo(ImageCodec.PNG);
    assertThat(ImageCodec.ofFormat("h264")).isNull();
    assertThat(ImageCodec.ofFormat(null)).isNull();
  }

  @Test
  void aClosedMuxerAndAnEmptyImageAreRefused() throws Exception {
    Path mp4 = temp.resolve("x.mp4");
    ImageSequenceMuxer muxer = ImageSequenceMuxer.open(mp4, ImageCodec.MJPEG, 64, 48, 30);
    assertThatThrownBy(() -> muxer.write(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    muxer.close();
    assertThatThrownBy(() -> muxer.write(encode(Color.RED, "jpeg"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ImageSequenceMuxer.open(temp.resolve("y.mp4"), ImageCodec.MJPEG, 64, 48, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ImageSequenceMuxer.open(temp.resolve("no/such/folder/z.mp4"), ImageCodec.MJPEG, 64, 48,
        30)).isInstanceOf(VideoUnreadableException.class).hasMessageContaining("open for writing");
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
