package ai.curate.jobs.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Finds the session bundles of one date on the driver: {@code <raw>/fleet/date=D/<robot_id>/<session_id>/}. Only
 * folder names are listed, never file contents, so the driver stays cheap on object stores. Names starting with
 * {@code .} or {@code _} (.DS_Store, _SUCCESS, _tmp) and loose files are not bundles.
 */
public final class BundleLister {
  private BundleLister() {}

  public static Path dateDir(String raw, LocalDate date) {
    return new Path(new Path(raw, "fleet"), "date=" + date);
  }

  /** Bundle folders under {@code dateDir}, sorted by robot then session (a stable task order). */
  public static List<BundleLocation> list(FileSystem fs, Path dateDir) {
    List<BundleLocation> bundles = new ArrayList<>();
    for (FileStatus robot : folders(fs, dateDir)) {
      for (FileStatus session : folders(fs, robot.getPath())) {
        bundles.add(new BundleLocation(robot.getPath().getName(), session.getPath().getName(),
            fs.makeQualified(session.getPath()).toString()));
      }
    }
    bundles.sort(Comparator.comparing(BundleLocation::robotId).thenComparing(BundleLocation::sessionId));
    return bundles;
  }

  private static List<FileStatus> folders(FileSystem fs, Path parent) {
    try {
      List<FileStatus> out = new ArrayList<>();
      for (FileStatus s : fs.listStatus(parent)) {
        String name = s.getPath().getName();
        if (s.isDirectory() && !name.startsWith(".") && !name.startsWith("_")) {
          out.add(s);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
    }
  }
}
