package ai.curate.jobs.video;

/** The file could not be opened as a video, has no video stream, or yields no frame at all. */
public class VideoUnreadableException extends Exception {
  public VideoUnreadableException(String message) {
    super(message);
  }

  public VideoUnreadableException(String message, Throwable cause) {
    super(message, cause);
  }
}
