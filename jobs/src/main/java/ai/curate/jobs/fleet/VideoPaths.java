package ai.curate.jobs.fleet;

import java.net.URI;
import org.apache.hadoop.fs.Path;

/** Resolves {@code bronze.videos.video_path} ({@link FleetSchemas#VIDEO_PATH}) to a file the video stages open. */
public final class VideoPaths {
  private VideoPaths() {}

  /**
   * {@code videoPath} as a path: as it is when absolute or with a scheme (a bundle's camera MP4), else against
   * {@code warehouse} (an MCAP camera's re-muxed MP4). Null for null.
   */
  public static String resolve(String warehouse, String videoPath) {
    if (videoPath == null) {
      return null;
    }
    URI uri = new Path(videoPath).toUri();
    if (uri.getScheme() != null || videoPath.startsWith("/")) {
      return videoPath;
    }
    return new Path(new Path(warehouse), videoPath).toString();
  }
}
