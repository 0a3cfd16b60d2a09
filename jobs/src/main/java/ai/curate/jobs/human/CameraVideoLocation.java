package ai.curate.jobs.human;

import ai.curate.jobs.landing.LandingZone;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One camera video of a fleet session bundle, {@code <raw>/fleet/date=D/<robot_id>/<session_id>/cameras/<camera>.mp4}
 * (docs/raw-formats.md).
 *
 * @param path the video's fully qualified URI
 */
public record CameraVideoLocation(String robotId, String sessionId, String camera, String path)
    implements
      Serializable {
  static final String CAMERAS = "cameras";
  static final String SUFFIX = ".mp4";

  /**
   * The camera videos of the date's fleet bundles, sorted by robot, session and camera; empty when the date has no
   * fleet folder. Driver side, folder listings only (two per bundle level, one per bundle): no file is opened.
   */
  static List<CameraVideoLocation> list(Configuration hadoop, String raw, LocalDate date) {
    List<CameraVideoLocation> videos = new ArrayList<>();
    for (LandingZone.UnitFolder bundle : LandingZone.listDateIfPresent(hadoop, raw, "fleet", date)) {
      Path cameras = new Path(bundle.path(), CAMERAS);
      try {
        FileSystem fs = cameras.getFileSystem(hadoop);
        if (!fs.exists(cameras)) {
          continue;
        }
        for (FileStatus f : fs.listStatus(cameras)) {
          String name = f.getPath().getName();
          if (f.isFile() && name.endsWith(SUFFIX) && !name.startsWith(".") && !name.startsWith("_")) {
            videos.add(new CameraVideoLocation(bundle.group(), bundle.name(),
                name.substring(0, name.length() - SUFFIX.length()), fs.makeQualified(f.getPath()).toString()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list fleet camera videos under " + cameras + ": " + e.getMessage(), e);
      }
    }
    videos.sort(Comparator.comparing(CameraVideoLocation::robotId).thenComparing(CameraVideoLocation::sessionId)
        .thenComparing(CameraVideoLocation::camera));
    return videos;
  }
}
