package ai.curate.jobs.video;

import ai.curate.jobs.video.EncodedFrameMuxer.FrameCodec;
import java.io.ByteArrayInputStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/** The picture size of one encoded frame, read by FFmpeg's demuxer for that format (an H.264 frame: from its SPS). */
final class FrameSizes {
  private FrameSizes() {}

  /** {width, height} of {@code frame}; refused when FFmpeg cannot tell. */
  static int[] of(FrameCodec codec, byte[] frame) throws VideoUnreadableException {
    String format = switch (codec) {
      case MJPEG -> "jpeg_pipe";
      case PNG -> "png_pipe";
      case H264 -> "h264";
    };
    try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(new ByteArrayInputStream(frame), 0)) {
      grabber.setFormat(format);
      grabber.start();
      int width = grabber.getImageWidth();
      int height = grabber.getImageHeight();
      grabber.stop();
      if (width <= 0 || height <= 0) {
        throw new VideoUnreadableException("the first frame does not say its picture size (" + format + ")");
      }
      return new int[] {width, height};
    } catch (FrameGrabber.Exception e) {
      throw new VideoUnreadableException("the first frame cannot be read as " + format + ": " + e.getMessage(), e);
    }
  }
}
