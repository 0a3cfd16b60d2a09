package ai.curate.jobs.fleet;

import ai.curate.jobs.video.FfmpegLog;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Opens a video with FFmpeg (JavaCV) and reads what the container and codec say: codec, coded size, frame rate,
 * frame count and duration. {@code start()} reads the headers and a few packets; nothing is fully decoded.
 */
final class VideoProbe {
  /** The video cannot be opened; the message is FFmpeg's reason. */
  static final class Unreadable extends Exception {
    Unreadable(String message) {
      super(message);
    }
  }

  record Probe(String container, String codec, int width, int height, Double fps, Long declaredFrames,
      Long durationNs) {}

  private VideoProbe() {}

  /**
   * The container's facts. A duration too large for nanoseconds in a long throws {@link ArithmeticException}, which
   * the planner reports like any other probe failure.
   */
  static Probe probe(Path local) throws Unreadable {
    try (FfmpegLog.Capture log = FfmpegLog.capture()) {
      FFmpegFrameGrabber g = new FFmpegFrameGrabber(local.toFile());
      g.setVideoOption("threads", "1");
      try {
        try {
          g.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
          String ffmpeg = log.errorMessages().isEmpty() ? "" : "; FFmpeg: " + String.join(" | ", log.errorMessages());
          throw new Unreadable(FleetIngestErrors.oneLine(e.getMessage()) + ffmpeg);
        }
        if (!g.hasVideo()) {
          throw new Unreadable("the file has no video stream (container " + g.getFormat() + ")");
        }
        AVStream stream = g.getFormatContext().streams(g.getVideoStream());
        long frames = stream.nb_frames();
        long micros = g.getLengthInTime();
        double fps = g.getVideoFrameRate();
        return new Probe(g.getFormat(), g.getVideoCodecName(), g.getImageWidth(), g.getImageHeight(),
            fps > 0 && Double.isFinite(fps) ? fps : null, frames > 0 ? frames : null,
            micros > 0 ? Math.multiplyExact(micros, 1000L) : null);
      } finally {
        try {
          g.stop();
          g.release();
        } catch (FrameGrabber.Exception ignored) {
          // nothing was opened
        }
      }
    }
  }
}
