package ai.curate.jobs.human;

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
 * Finds the clip folders of one date on the driver: {@code <raw>/human/date=D/<dataset>/<clip_id>/}. Only folder
 * names are listed (no file is opened), so this is cheap even on object stores. Names starting with {@code .} or
 * {@code _} (.DS_Store, _SUCCESS, _tmp) are not clips; loose files beside the folders are not clips either.
 */
public final class ClipLister {
  private ClipLister() {}

  public static Path dateDir(String raw, LocalDate date) {
    return new Path(new Path(raw, "human"), "date=" + date);
  }

  /** Clip folders under {@code dateDir}, sorted by dataset then clip id (a stable task order). */
  public static List<ClipLocation> list(FileSystem fs, Path dateDir) {
    List<ClipLocation> clips = new ArrayList<>();
    for (FileStatus dataset : folders(fs, dateDir)) {
      for (FileStatus clip : folders(fs, dataset.getPath())) {
        clips.add(new ClipLocation(dataset.getPath().getName(), clip.getPath().getName(),
            fs.makeQualified(clip.getPath()).toString()));
      }
    }
    clips.sort(Comparator.comparing(ClipLocation::dataset).thenComparing(ClipLocation::clipId));
    return clips;
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
