package ai.curate.jobs.sample;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes rendered camera frames as JPEG, the payload of {@code sensor_msgs/msg/CompressedImage}. */
final class JpegFrames {
  private JpegFrames() {}

  static byte[] encode(Canvas canvas) {
    // TYPE_3BYTE_BGR stores B, G, R per pixel: the canvas's own layout, so the pixels copy as they are.
    BufferedImage image = new BufferedImage(canvas.width(), canvas.height(), BufferedImage.TYPE_3BYTE_BGR);
    byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    System.arraycopy(canvas.pixels(), 0, target, 0, target.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      if (!ImageIO.write(image, "jpg", out)) {
        throw new IllegalStateException("no JPEG writer in this Java runtime");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode a JPEG frame", e);
    }
    return out.toByteArray();
  }
}
