package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.col;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetSchemas;
import ai.curate.jobs.fleet.VideoPaths;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The camera frames of an entity's thumbnail steps: which video (a fleet episode's grid camera from bronze.videos,
 * its {@code video_path}: a bundle's MP4 or an MCAP camera's re-muxed one;
 * a clip's video.mp4 from bronze.human_clips), which frame each step used (silver's {@code camera_frame_index} or
 * {@code frame_index}), decoded by {@link Thumbnails}. A video on an object store is copied to a temporary file
 * first (FFmpeg seeks in local files), and deleted after.
 */
final class FrameSource {
  private FrameSource() {}

  static List<PageData.Thumbnail> thumbnails(SparkSession spark, TableReader tables, LocalDate date, ViewEntity e,
      Dataset<Row> steps, Map<Long, String> chosen, CurateConfig config, List<String> notes) {
    String video;
    Dataset<Row> frames;
    if (e.isClip()) {
      video = clipVideo(tables, date, e);
      frames = steps.select(col("step_index"), col("frame_index"));
    } else {
      String camera = camera(steps, config);
      if (camera == null) {
        notes.add("no camera frame at any step: no thumbnails");
        return List.of();
      }
      video = VideoPaths.resolve(config.paths().warehouse(), fleetVideo(tables, date, e, camera));
      if (video == null) {
        notes.add("camera " + camera + " has no readable video in " + Tables.VIDEOS + ": no thumbnails");
        return List.of();
      }
      frames = steps.select(col("step_index"), col("camera_frame_index").getItem(camera).as("frame_index"));
    }
    if (video == null) {
      notes.add("the clip has no video in " + Tables.HUMAN_CLIPS + ": no thumbnails");
      return List.of();
    }
    Map<Long, Integer> frameOf = new LinkedHashMap<>();
    for (Row r : frames.where(col("step_index").isin(chosen.keySet().toArray()).and(col("frame_index").isNotNull()))
        .orderBy("step_index").collectAsList()) {
      frameOf.put(((Number) r.get(0)).longValue(), ((Number) r.get(1)).intValue());
    }
    Map<Integer, String> images = decode(spark, video, frameOf.values(), notes);
    List<PageData.Thumbnail> out = new ArrayList<>();
    for (Map.Entry<Long, Integer> f : frameOf.entrySet()) {
      String uri = images.get(f.getValue());
      if (uri != null) {
        out.add(new PageData.Thumbnail(f.getKey(), f.getValue(), uri, chosen.get(f.getKey())));
      }
    }
    if (out.isEmpty() && !frameOf.isEmpty()) {
      notes.add("no frame of " + video + " could be decoded: no thumbnails");
    }
    return out;
  }

  /** The grid camera when the grid is a camera's and the steps use it, else the first camera any step has. */
  private static String camera(Dataset<Row> steps, CurateConfig config) {
    List<Row> keys = steps.selectExpr("explode(map_keys(camera_frame_index)) AS k").distinct().orderBy("k")
        .collectAsList();
    List<String> cameras = keys.stream().map(r -> r.getString(0)).toList();
    String grid = config.align().gridCamera();
    if (config.align().fixedRateHz() <= 0 && cameras.contains(grid)) {
      return grid;
    }
    return cameras.isEmpty() ? null : cameras.get(0);
  }

  private static String fleetVideo(TableReader tables, LocalDate date, ViewEntity e, String camera) {
    if (!tables.exists(Tables.VIDEOS)) {
      return null;
    }
    Dataset<Row> videos = tables.readDate(Tables.VIDEOS, date);
    // video_path: the decodable video (an MCAP camera's re-muxed MP4); tables written before it had bundles only.
    String column = VideoPaths.inTable(videos) ? FleetSchemas.VIDEO_PATH : "source_path";
    List<Row> rows = videos.where(col("robot_id").equalTo(e.robotId())
        .and(col("session_id").equalTo(e.sessionId())).and(col("camera").equalTo(camera))).select(column)
        .limit(1).collectAsList();
    return rows.isEmpty() ? null : rows.get(0).getString(0);
  }

  private static String clipVideo(TableReader tables, LocalDate date, ViewEntity e) {
    if (!tables.exists(Tables.HUMAN_CLIPS)) {
      return null;
    }
    List<Row> rows = tables.readDate(Tables.HUMAN_CLIPS, date).where(col("dataset").equalTo(e.dataset())
        .and(col("clip_id").equalTo(e.id()))).select("video_path").limit(1).collectAsList();
    return rows.isEmpty() ? null : rows.get(0).getString(0);
  }

  private static Map<Integer, String> decode(SparkSession spark, String video, java.util.Collection<Integer> indices,
      List<String> notes) {
    try {
      Path path = new Path(video);
      FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
      Path qualified = fs.makeQualified(path);
      if ("file".equalsIgnoreCase(qualified.toUri().getScheme())) {
        return Thumbnails.grab(Paths.get(qualified.toUri()), indices);
      }
      java.nio.file.Path local = Files.createTempFile("curate-view-", "-" + path.getName());
      try {
        fs.copyToLocalFile(false, qualified, new Path(local.toUri()), true);
        return Thumbnails.grab(local, indices);
      } finally {
        Files.deleteIfExists(local);
      }
    } catch (IOException | RuntimeException ex) {
      notes.add("cannot read " + video + ": " + ex.getMessage());
      return Map.of();
    }
  }
}
