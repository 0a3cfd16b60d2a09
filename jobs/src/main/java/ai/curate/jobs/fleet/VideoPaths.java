package ai.curate.jobs.fleet;

import java.net.URI;
import org.apache.hadoop.fs.Path;

/** Resolves {@code bronze.videos.video_path} ({@link FleetSchemas#VIDEO_PATH}) to a file the video stages open. */
public final class VideoPaths {
  private VideoPaths() {}

  /**
   * Whether a read of {@code bronze.videos} has the {@code video_path} column: tables written before it existed have
   * bundles only, whose videos are their {@code source_path}.
   */
  public static boolean inTable(org.apache.spark.sql.Dataset<?> videos) {
    return java.util.Arrays.asList(videos.columns()).contains(FleetSchemas.VIDEO_PATH);
  }

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
