package ai.curate.jobs.view;

import ai.curate.jobs.video.FfmpegLog;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Small JPEG thumbnails of chosen frames of a video, decoded with JavaCV (as ingest decodes videos) and scaled by
 * FFmpeg to {@link #WIDTH} pixels wide, returned as data URIs for inlining. Frames are visited in increasing order
 * and reached by seeking, so a long video is not decoded from its start for each one.
 */
public final class Thumbnails {
  public static final int WIDTH = 160;
  private static final float QUALITY = 0.7f;

  private Thumbnails() {}

  /**
   * The frames of {@code video} (a local file) at the given indices, as JPEG data URIs; a frame that cannot be
   * decoded is left out, and an unreadable video gives none (the page says so).
   */
  public static Map<Integer, String> grab(Path video, Collection<Integer> frameIndices) {
    Map<Integer, String> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(video) || frameIndices.isEmpty()) {
      return out;
    }
    try (FfmpegLog.Capture log = FfmpegLog.capture()) {
      FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(video.toFile());
      grabber.setVideoOption("threads", "1");
      try {
        grabber.start();
        if (!grabber.hasVideo() || grabber.getImageWidth() <= 0) {
          return out;
        }
        int h = Math.max(2, Math.round(WIDTH * grabber.getImageHeight() / (float) grabber.getImageWidth()));
        grabber.setImageWidth(WIDTH);
        grabber.setImageHeight(h);
        Java2DFrameConverter converter = new Java2DFrameConverter();
        Iterator<Integer> it = new TreeSet<>(frameIndices).iterator();
        while (it.hasNext()) {
          int index = it.next();
          try {
            grabber.setVideoFrameNumber(index);
            Frame frame = grabber.grabImage();
            if (frame == null || frame.image == null) {
              continue;
            }
            out.put(index, jpeg(converter.convert(frame)));
          } catch (FrameGrabber.Exception | RuntimeException e) {
            // A damaged stretch of video: the thumbnail is left out, the others are still useful.
          }
        }
      } catch (FrameGrabber.Exception | RuntimeException e) {
        return out;
      } finally {
        try {
          grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException e) {
          // Nothing to recover: the page is built from what was grabbed.
        }
      }
    }
    return out;
  }

  static String jpeg(BufferedImage image) {
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    rgb.getGraphics().drawImage(image, 0, 0, null);
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(bytes)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      writer.write(null, new IIOImage(rgb, null, null), param);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
    return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
