package ai.curate.jobs.video;

import java.util.List;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

/**
 * Starting and closing JavaCV grabbers the same way in every analyser: a file FFmpeg cannot open, or one without a
 * video stream, is a {@link VideoUnreadableException} that says what FFmpeg logged; closing never hides a result.
 */
final class Grabbers {
  private Grabbers() {}

  /** Starts a configured grabber; when it cannot read a video stream, says why. The caller closes it either way. */
  static void start(FFmpegFrameGrabber grabber, FfmpegLog.Capture log) throws VideoUnreadableException {
    try {
      grabber.start();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      throw new VideoUnreadableException("FFmpeg cannot open it as a video: " + firstLine(e) + logSuffix(log), e);
    }
    if (!grabber.hasVideo()) {
      throw new VideoUnreadableException("the file has no video stream (container: " + grabber.getFormat() + ")");
    }
  }

  /** Frees the grabber's native memory. */
  static void close(FFmpegFrameGrabber grabber) {
    try {
      grabber.close();
    } catch (FrameGrabber.Exception | RuntimeException e) {
      // What was read is complete; a failure to free native buffers cannot change it and must not hide it.
    }
  }

  /** "; FFmpeg said: ..." with the error lines FFmpeg logged for this video so far, or nothing. */
  static String logSuffix(FfmpegLog.Capture log) {
    List<String> lines = log.errorMessages();
    return lines.isEmpty() ? "" : "; FFmpeg said: " + String.join(" | ", lines);
  }

  /** JavaCV appends hints (setFormat, FFmpegLogCallback) that do not apply here: the log is captured. */
  static String firstLine(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    for (String hint : List.of(" (Has setFormat() been called?)", " (For more details")) {
      int at = m.indexOf(hint);
      if (at > 0) {
        m = m.substring(0, at);
      }
    }
    return m.strip();
  }
}
