package ai.curate.jobs.clips;

import ai.curate.jobs.video.VideoUnreadableException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * One camera video, decoded forward: {@link #frame(long)} returns frame {@code k} (the k-th frame of the file in
 * presentation order, as {@code frame_index} counts in bronze and gold), scaled to the clip size. Asking for a frame
 * behind the current one reopens the file (a new episode of the same video that starts earlier); asking for frames in
 * increasing order decodes every frame at most once, which is how a task reads a video once for all its clips.
 *
 * <p>Not thread-safe. Native memory: the decoder's (one frame and its references) plus the scaler's.
 */
final class SourceVideo implements AutoCloseable {
  private final Path file;
  private final FrameScaler scaler;
  private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
  private FFmpegFrameGrabber grabber;
  /** The index of the frame the next grab returns. */
  private long next;
  private long decoded;
  private Mat current;
  private long currentIndex = -1;

  SourceVideo(Path file, FrameScaler scaler) {
    this.file = file;
    this.scaler = scaler;
  }

  Path file() {
    return file;
  }

  /** Frames decoded so far (reopening counts the frames decoded again). */
  long decoded() {
    return decoded;
  }

  /** Frame {@code index}, scaled; valid until the next call. */
  Mat frame(long index) throws VideoUnreadableException {
    if (index == currentIndex) {
      return current;
    }
    if (grabber == null || index < next) {
      open();
    }
    try {
      while (true) {
        // Frames before the wanted one are decoded (the codec needs them) but not converted to BGR.
        boolean wanted = next == index;
        Frame f = wanted ? grabber.grabImage() : grabber.grabFrame(false, true, false, false);
        if (f == null || (wanted && f.image == null)) {
          throw new VideoUnreadableException("the video ends after " + next + " frames; frame " + index
              + " is needed");
        }
        long k = next++;
        decoded++;
        if (k == index) {
          current = scaler.scale(converter.convert(f));
          currentIndex = index;
          return current;
        }
      }
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw new VideoUnreadableException("decoding frame " + next + " failed: " + e.getMessage(), e);
    }
  }

  private void open() throws VideoUnreadableException {
    closeGrabber();
    if (!Files.isRegularFile(file)) {
      throw new VideoUnreadableException("video file not found: " + file);
    }
    FFmpegFrameGrabber g = new FFmpegFrameGrabber(file.toFile());
    g.setImageMode(FrameGrabber.ImageMode.COLOR);
    g.setPixelFormat(avutil.AV_PIX_FMT_BGR24);
    g.setVideoOption("threads", "1");
    try {
      g.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      release(g);
      throw new VideoUnreadableException("FFmpeg cannot open it as a video: " + e.getMessage(), e);
    }
    if (!g.hasVideo()) {
      release(g);
      throw new VideoUnreadableException("the file has no video stream");
    }
    grabber = g;
    next = 0;
    currentIndex = -1;
  }

  private void closeGrabber() {
    if (grabber != null) {
      release(grabber);
      grabber = null;
    }
  }

  private static void release(FFmpegFrameGrabber g) {
    try {
      g.release();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      // Only native memory is left to free.
    }
  }

  @Override
  public void close() {
    closeGrabber();
    converter.close();
    scaler.close();
  }
}
