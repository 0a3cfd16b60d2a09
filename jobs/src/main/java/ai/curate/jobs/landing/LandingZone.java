package ai.curate.jobs.landing;

import ai.curate.jobs.errors.CurateErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Paths;
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
 *
 * <p>Symbolic links are never followed (a link can point outside the landing zone or into another unit): a group or
 * unit folder that is a link is not a unit, it is listed in {@link Listing#links()} for the stage to report.
 * {@link #isSymlink} is the check (no-follow on local disks; object stores have no links).
 */
public final class LandingZone {
  private LandingZone() {}

  /** One unit folder: its group (robot id or dataset), its own name (session or clip id) and qualified path. */
  public record UnitFolder(String group, String name, String path) {}

  /**
   * A symbolic link where a group or unit folder was expected, skipped unread.
   *
   * @param name the unit's name, or null when the group folder itself is the link
   */
  public record Link(String group, String name, String path) {}

  /** The unit folders and the skipped links of one date, each sorted by group then name. */
  public record Listing(List<UnitFolder> units, List<Link> links) {}

  public static Path dateDir(String raw, String zone, LocalDate date) {
    return new Path(new Path(raw, zone), "date=" + date);
  }

  /**
   * The unit folders of {@code zone} for {@code date}, sorted by group then name (a stable task order). A missing
   * date folder is a user error naming {@code unit} (e.g. "fleet session").
   */
  public static List<UnitFolder> listDate(Configuration hadoop, String raw, String zone, LocalDate date, String unit) {
    return scanDate(hadoop, raw, zone, date, unit).units();
  }

  /** {@link #listDate} plus the symbolic links that were skipped. */
  public static Listing scanDate(Configuration hadoop, String raw, String zone, LocalDate date, String unit) {
    Path dateDir = dateDir(raw, zone, date);
    try {
      FileSystem fs = dateDir.getFileSystem(hadoop);
      if (!fs.exists(dateDir)) {
        throw CurateErrors.rawDateMissing(unit, dateDir.toString());
      }
      return scanDateDir(fs, dateDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + unit + "s under " + dateDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The unit folders of {@code zone} for {@code date}, or an empty list when the date folder does not exist (for a
   * stage with another input to fall back on).
   */
  public static List<UnitFolder> listDateIfPresent(Configuration hadoop, String raw, String zone, LocalDate date) {
    return scanDateIfPresent(hadoop, raw, zone, date).units();
  }

  /** {@link #listDateIfPresent} plus the symbolic links that were skipped. */
  public static Listing scanDateIfPresent(Configuration hadoop, String raw, String zone, LocalDate date) {
    Path dateDir = dateDir(raw, zone, date);
    try {
      FileSystem fs = dateDir.getFileSystem(hadoop);
      return fs.exists(dateDir) ? scanDateDir(fs, dateDir) : new Listing(List.of(), List.of());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dateDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@link #scan} of a date folder that must not itself be a link: following it would read a folder outside the
   * landing zone as this date's input, so a linked date folder stops the stage with one line instead.
   */
  private static Listing scanDateDir(FileSystem fs, Path dateDir) throws IOException {
    if (isSymlink(fs, fs.getFileLinkStatus(dateDir))) {
      throw CurateErrors.rawDateIsLink(fs.makeQualified(dateDir).toString());
    }
    return scan(fs, dateDir);
  }

  /** Unit folders two levels below {@code dateDir}, sorted by group then name. */
  public static List<UnitFolder> list(FileSystem fs, Path dateDir) {
    return scan(fs, dateDir).units();
  }

  /** Unit folders two levels below {@code dateDir} and the links skipped on the way. */
  public static Listing scan(FileSystem fs, Path dateDir) {
    List<UnitFolder> units = new ArrayList<>();
    List<Link> links = new ArrayList<>();
    forEachGroup(fs, dateDir, links, (groupName, unit) -> {
      String path = fs.makeQualified(unit.getPath()).toString();
      if (isSymlink(fs, unit)) {
        links.add(new Link(groupName, unit.getPath().getName(), path));
      } else if (unit.isDirectory()) {
        units.add(new UnitFolder(groupName, unit.getPath().getName(), path));
      }
    });
    units.sort(Comparator.comparing(UnitFolder::group).thenComparing(UnitFolder::name));
    links.sort(Comparator.comparing(Link::path));
    return new Listing(List.copyOf(units), List.copyOf(links));
  }

  /** What a group folder's entry becomes: a unit, a link, or nothing. */
  @FunctionalInterface
  private interface GroupEntry {
    void accept(String groupName, FileStatus entry);
  }

  /**
   * Hands every entry of every group folder of {@code dateDir} to {@code entry}; a group folder that is a symbolic
   * link is added to {@code links} and not entered, a loose file at the group level is ignored.
   */
  private static void forEachGroup(FileSystem fs, Path dateDir, List<Link> links, GroupEntry entry) {
    for (FileStatus group : entries(fs, dateDir)) {
      String groupName = group.getPath().getName();
      if (isSymlink(fs, group)) {
        links.add(new Link(groupName, null, fs.makeQualified(group.getPath()).toString()));
      } else if (group.isDirectory()) {
        for (FileStatus e : entries(fs, group.getPath())) {
          entry.accept(groupName, e);
        }
      }
    }
  }

  /** Adds what a date folder holds to the units and links. */
  @FunctionalInterface
  private interface DateScan {
    void scan(FileSystem fs, Path dateDir, List<UnitFolder> units, List<Link> links) throws IOException;
  }

  /**
   * Runs {@code scan} on the date folder of {@code zone} for an optional zone: no date folder lists nothing, a linked
   * date folder stops the stage with one line (as {@link #scanDateDir}), and the lists come back sorted.
   */
  private static Listing scanOptionalDate(Configuration hadoop, String raw, String zone, LocalDate date,
      DateScan scan) {
    Path dateDir = dateDir(raw, zone, date);
    try {
      FileSystem fs = dateDir.getFileSystem(hadoop);
      if (!fs.exists(dateDir)) {
        return new Listing(List.of(), List.of());
      }
      if (isSymlink(fs, fs.getFileLinkStatus(dateDir))) {
        throw CurateErrors.rawDateIsLink(fs.makeQualified(dateDir).toString());
      }
      List<UnitFolder> units = new ArrayList<>();
      List<Link> links = new ArrayList<>();
      scan.scan(fs, dateDir, units, links);
      units.sort(Comparator.comparing(UnitFolder::group).thenComparing(UnitFolder::name));
      links.sort(Comparator.comparing(Link::path));
      return new Listing(List.copyOf(units), List.copyOf(links));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dateDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Unit folders one level below the date folder of {@code zone} (a zone whose units are not grouped, as MCAP
   * recordings), with the links skipped; group is empty. No date folder: nothing (the zone is optional).
   */
  public static Listing scanDateFlatIfPresent(Configuration hadoop, String raw, String zone, LocalDate date) {
    return scanOptionalDate(hadoop, raw, zone, date, (fs, dateDir, units, links) -> {
      for (FileStatus unit : entries(fs, dateDir)) {
        String path = fs.makeQualified(unit.getPath()).toString();
        if (isSymlink(fs, unit)) {
          links.add(new Link("", unit.getPath().getName(), path));
        } else if (unit.isDirectory()) {
          units.add(new UnitFolder("", unit.getPath().getName(), path));
        }
      }
    });
  }

  /**
   * Files two levels below the date folder of {@code zone} ({@code <group>/<file>}, as EgoDex's
   * {@code <task>/<n>.hdf5}), each a unit named by its file name, with the links skipped on the way (a linked group
   * folder is one link; a linked file is listed as a unit, for the reader to refuse by name). No date folder: nothing
   * (the zone is optional).
   */
  public static Listing scanDateFilesIfPresent(Configuration hadoop, String raw, String zone, LocalDate date) {
    return scanOptionalDate(hadoop, raw, zone, date, (fs, dateDir, units, links) -> {
      forEachGroup(fs, dateDir, links, (groupName, file) -> {
        if (!file.isDirectory() || isSymlink(fs, file)) {
          units.add(new UnitFolder(groupName, file.getPath().getName(), fs.makeQualified(file.getPath()).toString()));
        }
      });
    });
  }

  /**
   * Whether {@code s} is a symbolic link, without following it. Hadoop's local file system reports the link's
   * target, so local paths are checked with {@link LinkOption#NOFOLLOW_LINKS}; other file systems say so themselves.
   */
  public static boolean isSymlink(FileSystem fs, FileStatus s) {
    java.net.URI uri = fs.makeQualified(s.getPath()).toUri();
    if ("file".equalsIgnoreCase(uri.getScheme())) {
      return Files.isSymbolicLink(Paths.get(uri));
    }
    return s.isSymlink();
  }

  /**
   * Whether {@code a} and {@code b} name the same folder or one lies inside the other. Both are paths or URIs
   * ({@code /data/raw}, {@code file:/data/raw}, {@code s3a://bucket/raw}); a path without a scheme is a local path
   * (relative: to the working directory). Compared by scheme, authority and whole path segments ({@code raw} is not
   * inside {@code raw-old}), after {@code .} and {@code ..} are resolved; on local disks symbolic links in the part of
   * a path that exists are resolved too, so a link to the landing zone counts as the landing zone.
   */
  public static boolean nested(String a, String b) {
    URI x = comparable(a);
    URI y = comparable(b);
    if (!sameIgnoringCase(x.getScheme(), y.getScheme()) || !sameIgnoringCase(x.getAuthority(), y.getAuthority())) {
      return false;
    }
    List<String> sx = segments(x.getPath());
    List<String> sy = segments(y.getPath());
    int n = Math.min(sx.size(), sy.size());
    return sx.subList(0, n).equals(sy.subList(0, n));
  }

  private static URI comparable(String location) {
    URI uri = new Path(location).toUri();
    if (uri.getScheme() != null && !"file".equalsIgnoreCase(uri.getScheme())) {
      return uri.normalize();
    }
    java.nio.file.Path local = Paths.get(uri.getPath()).toAbsolutePath().normalize();
    // Resolve links in the longest part that exists; the rest (folders not created yet) is kept as written.
    java.nio.file.Path existing = local;
    java.util.ArrayDeque<String> missing = new java.util.ArrayDeque<>();
    while (existing != null && !Files.exists(existing)) {
      if (existing.getFileName() != null) {
        missing.push(existing.getFileName().toString());
      }
      existing = existing.getParent();
    }
    java.nio.file.Path resolved = local;
    if (existing != null) {
      try {
        resolved = existing.toRealPath();
        while (!missing.isEmpty()) {
          resolved = resolved.resolve(missing.pop());
        }
      } catch (IOException e) {
        resolved = local;
      }
    }
    return new java.io.File(resolved.toString()).toURI();
  }

  private static boolean sameIgnoringCase(String a, String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }

  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : (path == null ? "" : path).split("/")) {
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }

  /** Entries of {@code parent} whose names may be units (not hidden, not {@code _}-prefixed). */
  private static List<FileStatus> entries(FileSystem fs, Path parent) {
    try {
      List<FileStatus> out = new ArrayList<>();
      for (FileStatus s : fs.listStatus(parent)) {
        String name = s.getPath().getName();
        if (!name.startsWith(".") && !name.startsWith("_")) {
          out.add(s);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + parent + ": " + e.getMessage(), e);
    }
  }
}
