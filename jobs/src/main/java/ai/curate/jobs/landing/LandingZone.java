package ai.curate.jobs.landing;

import ai.curate.jobs.errors.CurateErrors;
import java.io.IOException;
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
 * Raw landing zone layout (docs/raw-formats.md): {@code <raw>/<zone>/date=D/<group>/<unit>/}, where a unit is a fleet
 * session bundle (group: robot id) or a human clip (group: dataset). Listed on the driver by folder names only, never
 * file contents, so it stays cheap on object stores. Names starting with {@code .} or {@code _} (.DS_Store, _SUCCESS,
 * _tmp) and loose files are not units.
 */
public final class LandingZone {
  private LandingZone() {}

  /** One unit folder: its group (robot id or dataset), its own name (session or clip id) and qualified path. */
  public record UnitFolder(String group, String name, String path) {}

  public static Path dateDir(String raw, String zone, LocalDate date) {
    return new Path(new Path(raw, zone), "date=" + date);
  }

  /**
   * The unit folders of {@code zone} for {@code date}, sorted by group then name (a stable task order). A missing
   * date folder is a user error naming {@code unit} (e.g. "fleet session").
   */
  public static List<UnitFolder> listDate(Configuration hadoop, String raw, String zone, LocalDate date, String unit) {
    Path dateDir = dateDir(raw, zone, date);
    try {
      FileSystem fs = dateDir.getFileSystem(hadoop);
      if (!fs.exists(dateDir)) {
        throw CurateErrors.rawDateMissing(unit, dateDir.toString());
      }
      return list(fs, dateDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + unit + "s under " + dateDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The unit folders of {@code zone} for {@code date}, or an empty list when the date folder does not exist (for a
   * stage with another input to fall back on).
   */
  public static List<UnitFolder> listDateIfPresent(Configuration hadoop, String raw, String zone, LocalDate date) {
    Path dateDir = dateDir(raw, zone, date);
    try {
      FileSystem fs = dateDir.getFileSystem(hadoop);
      return fs.exists(dateDir) ? list(fs, dateDir) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dateDir + ": " + e.getMessage(), e);
    }
  }

  /** Unit folders two levels below {@code dateDir}, sorted by group then name. */
  public static List<UnitFolder> list(FileSystem fs, Path dateDir) {
    List<UnitFolder> units = new ArrayList<>();
    for (FileStatus group : folders(fs, dateDir)) {
      for (FileStatus unit : folders(fs, group.getPath())) {
        units.add(new UnitFolder(group.getPath().getName(), unit.getPath().getName(),
            fs.makeQualified(unit.getPath()).toString()));
      }
    }
    units.sort(Comparator.comparing(UnitFolder::group).thenComparing(UnitFolder::name));
    return units;
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
