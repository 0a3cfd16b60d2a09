package ai.curate.jobs.human;

import static org.apache.spark.sql.functions.col;

import ai.curate.jobs.fleet.FleetSchemas;
import ai.curate.jobs.fleet.VideoPaths;
import ai.curate.jobs.landing.LandingZone;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.tables.Tables;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One camera video of a fleet session: a bundle's
 * {@code <raw>/fleet/date=D/<robot_id>/<session_id>/cameras/<camera>.mp4} (docs/raw-formats.md), or the MP4
 * {@code ingest-mcap} re-muxed from an MCAP recording's camera frames.
 *
 * @param path the video's fully qualified URI
 * @param tablePath the video as the tables name it: {@code path} for a bundle's video; for a re-muxed MCAP camera,
 *     {@code bronze.videos.video_path} (relative to the warehouse, so the rows do not depend on where it is)
 */
public record CameraVideoLocation(String robotId, String sessionId, String camera, String path, String tablePath)
    implements
      Serializable {
  /** A bundle's camera video: the tables name it by its URI. */
  public CameraVideoLocation(String robotId, String sessionId, String camera, String path) {
    this(robotId, sessionId, camera, path, path);
  }

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
    sort(videos);
    return videos;
  }

  /**
   * The camera videos {@code ingest-mcap} re-muxed for the date: {@code bronze.videos} rows with
   * {@code raw_format = 'mcap'} and a {@code video_path}, resolved against the warehouse. Empty before any MCAP
   * ingest. One row per camera of the date's recordings: small, bounded by the fleet's daily sessions.
   */
  static List<CameraVideoLocation> mcap(StageContext ctx) {
    List<CameraVideoLocation> videos = new ArrayList<>();
    if (!ctx.tables().exists(Tables.VIDEOS)) {
      return videos;
    }
    Dataset<Row> rows = ctx.readSlice(Tables.VIDEOS);
    if (!VideoPaths.inTable(rows) || !Arrays.asList(rows.columns()).contains(FleetSchemas.RAW_FORMAT)) {
      return videos;
    }
    String warehouse = ctx.config().paths().warehouse();
    for (Row r : rows.where(col(FleetSchemas.RAW_FORMAT).equalTo(FleetSchemas.FORMAT_MCAP)
        .and(col(FleetSchemas.VIDEO_PATH).isNotNull()))
        .select("robot_id", "session_id", "camera", FleetSchemas.VIDEO_PATH).collectAsList()) {
      videos.add(new CameraVideoLocation(r.getString(0), r.getString(1), r.getString(2),
          VideoPaths.resolve(warehouse, r.getString(3)), r.getString(3)));
    }
    sort(videos);
    return videos;
  }

  static List<CameraVideoLocation> sort(List<CameraVideoLocation> videos) {
    videos.sort(Comparator.comparing(CameraVideoLocation::robotId).thenComparing(CameraVideoLocation::sessionId)
        .thenComparing(CameraVideoLocation::camera).thenComparing(CameraVideoLocation::path));
    return videos;
  }
}
