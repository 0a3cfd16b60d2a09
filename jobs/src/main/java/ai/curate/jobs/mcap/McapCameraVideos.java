package ai.curate.jobs.mcap;

import ai.curate.jobs.fleet.StreamKind;
import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.mcap.McapPlan.ReadTask;
import ai.curate.jobs.video.EncodedFrameMuxer;
import ai.curate.jobs.video.EncodedFrameMuxer.FrameCodec;
import ai.curate.jobs.video.VideoUnreadableException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;

/**
 * The camera videos of MCAP recordings: each camera topic's encoded frames (CompressedImage JPEG or PNG,
 * CompressedVideo H.264) re-muxed,
 * without re-encoding, into one MP4 per (session, camera) at {@code <paths.warehouse>/mcap_video/date=D/<robot>/
 * <session>/<camera>.mp4}, so the video stages decode MCAP cameras as they decode a bundle's camera videos. Frame
 * {@code k} of the MP4 is the camera frame whose {@code frame_index} is {@code k}: the frames are read by the same
 * reader, in the same file order, with the same rules (a message that does not decode and a damaged chunk are left
 * out of both), as {@code bronze.camera_frames}.
 *
 * <p>One task per camera. A rerun of the same recordings writes the same bytes to the same path; each file is written
 * beside its final name and renamed into place, so a reader sees the old file or the new one.
 */
final class McapCameraVideos {
  static final String FOLDER = "mcap_video";

  private McapCameraVideos() {}

  /** One camera of one recording to re-mux; {@code tasks} are the recording's read tasks holding the topic. */
  record Job(String robotId, String sessionId, String camera, String topic, String file, String format, int width,
      int height, double fps, List<ReadTask> tasks, String relativePath) implements Serializable {}

  /**
   * What re-muxing one camera gave: the MP4 (relative to the warehouse) and its frame count, or null and the ledger
   * row saying why not.
   */
  record Result(String robotId, String sessionId, String camera, String relativePath, long frames,
      IngestError error) implements Serializable {
    String key() {
      return key(robotId, sessionId, camera);
    }

    static String key(String robot, String session, String camera) {
      return robot + "/" + session + "/" + camera;
    }
  }

  /** The date's folder of re-muxed videos, relative to the warehouse. */
  static String dateFolder(LocalDate date) {
    return FOLDER + "/date=" + date;
  }

  static String relativePath(LocalDate date, String robot, String session, String camera) {
    return dateFolder(date) + "/" + segment(robot) + "/" + segment(session) + "/" + segment(camera) + ".mp4";
  }

  /** A path segment from an id: anything but letters, digits, '.', '-' and '_' becomes '_' (no '/', no '..'). */
  static String segment(String id) {
    String s = id.replaceAll("[^A-Za-z0-9._-]", "_");
    return s.isEmpty() || s.chars().allMatch(c -> c == '.') ? "_" + s : s;
  }

  /** One job per camera of every ingested recording, in (robot, session, camera) order. */
  static List<Job> jobs(List<McapPlan> planned, List<ReadTask> tasks, LocalDate date) {
    List<Job> jobs = new ArrayList<>();
    for (McapPlan p : planned) {
      if (p.session() == null) {
        continue;
      }
      String robot = p.session().robotId();
      String session = p.session().sessionId();
      for (McapPlan.CameraInfo c : p.cameras()) {
        List<ReadTask> holding = tasks.stream()
            .filter(t -> t.robotId().equals(robot) && t.sessionId().equals(session))
            .filter(t -> t.routes().values().stream()
                .anyMatch(r -> r.kind() == StreamKind.CAMERA_FRAMES && r.name().equals(c.name())))
            .sorted(Comparator.comparingInt(ReadTask::firstBatch)).toList();
        double fps = c.fps() != null && c.fps() > 0 && c.fps() <= 1000 ? c.fps() : 30.0;
        jobs.add(new Job(robot, session, c.name(), c.topic(), c.file(), c.format(),
            c.width() == null ? 0 : c.width(), c.height() == null ? 0 : c.height(), fps, holding,
            relativePath(date, robot, session, c.name())));
      }
    }
    jobs.sort(Comparator.comparing(Job::robotId).thenComparing(Job::sessionId).thenComparing(Job::camera));
    return jobs;
  }

  /**
   * Re-muxes one camera into its MP4 under {@code warehouse}. A frame format other than JPEG, PNG or H.264, a frame
   * without data, a change of format mid-topic, an H.264 topic that does not start with a key frame or an FFmpeg
   * refusal gives no video and a {@link McapIngestErrors#CAMERA_NOT_REMUXED} ledger row; a storage failure
   * propagates, so Spark retries.
   */
  static Result remux(Job job, int captureDays, List<String> jointNames, Configuration hadoop, String warehouse) {
    FrameCodec codec = FrameCodec.ofFormat(job.format());
    if (codec == null) {
      return failed(job, "its frames are '" + job.format() + "', not JPEG, PNG or H.264: no video is made of them"
          + " (the frames are still rows of bronze.camera_frames)");
    }
    java.nio.file.Path local = null;
    try {
      local = Files.createTempFile("curate-mcap-video-", ".mp4");
      long frames = 0;
      try (EncodedFrameMuxer muxer = EncodedFrameMuxer.open(local, codec, job.width(), job.height(), job.fps())) {
        for (ReadTask task : job.tasks()) {
          try (McapRowReader reader = new McapRowReader(task, StreamKind.CAMERA_FRAMES, captureDays, jointNames,
              e -> {}, true, job.camera())) {
            while (reader.hasNext()) {
              Row row = reader.next();
              if (!job.camera().equals(row.getString(3))) {
                continue;
              }
              String format = row.getString(row.length() - 2);
              byte[] data = (byte[]) row.get(row.length() - 1);
              if (FrameCodec.ofFormat(format) != codec) {
                return failed(job, "frame " + frames + " is '" + format + "' after '" + job.format() + "' frames:"
                    + " one video holds one image format");
              }
              if (data == null || data.length == 0) {
                return failed(job, "frame " + frames + " has no image data: the frame indexes of bronze.camera_frames"
                    + " would no longer match the video's frames");
              }
              muxer.write(data);
              frames++;
            }
          }
        }
      } catch (VideoUnreadableException e) {
        return failed(job, e.getMessage());
      }
      if (frames == 0) {
        return new Result(job.robotId(), job.sessionId(), job.camera(), null, 0, null);
      }
      publish(local, new Path(new Path(warehouse), job.relativePath()), hadoop);
      return new Result(job.robotId(), job.sessionId(), job.camera(), job.relativePath(), frames, null);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the video of camera " + job.camera() + " of session "
          + job.sessionId() + " failed: " + e.getMessage(), e);
    } finally {
      if (local != null) {
        try {
          Files.deleteIfExists(local);
        } catch (IOException ignored) {
          // A temporary file; the JVM's temp folder is cleaned by the machine.
        }
      }
    }
  }

  /** Copies the finished local file beside its final name, then renames it into place. */
  private static void publish(java.nio.file.Path local, Path target, Configuration hadoop) throws IOException {
    FileSystem fs = target.getFileSystem(hadoop);
    Path partial = new Path(target.getParent(), "." + target.getName() + ".partial");
    fs.mkdirs(target.getParent());
    fs.copyFromLocalFile(false, true, new Path(local.toUri()), partial);
    if (fs.exists(target) && !fs.delete(target, false)) {
      throw new IOException("cannot replace " + target);
    }
    if (!fs.rename(partial, target)) {
      throw new IOException("cannot rename " + partial + " to " + target);
    }
  }

  /**
   * Deletes the date's re-muxed videos of sessions that are no longer ingested (a recording removed from the landing
   * zone), after the tables that named them have been replaced. Returns how many session folders went.
   */
  static int removeStale(Configuration hadoop, String warehouse, LocalDate date, List<Result> kept)
      throws IOException {
    Path folder = new Path(new Path(warehouse), dateFolder(date));
    FileSystem fs = folder.getFileSystem(hadoop);
    if (!fs.exists(folder)) {
      return 0;
    }
    Set<String> keep = new HashSet<>();
    for (Result r : kept) {
      if (r.relativePath() != null) {
        keep.add(segment(r.robotId()) + "/" + segment(r.sessionId()) + "/" + segment(r.camera()) + ".mp4");
      }
    }
    int removed = 0;
    for (FileStatus robot : fs.listStatus(folder)) {
      for (FileStatus session : fs.listStatus(robot.getPath())) {
        for (FileStatus video : fs.listStatus(session.getPath())) {
          String key = robot.getPath().getName() + "/" + session.getPath().getName() + "/" + video.getPath().getName();
          if (!keep.contains(key)) {
            fs.delete(video.getPath(), false);
            removed++;
          }
        }
        if (fs.listStatus(session.getPath()).length == 0) {
          fs.delete(session.getPath(), false);
        }
      }
    }
    return removed;
  }

  private static Result failed(Job job, String why) {
    return new Result(job.robotId(), job.sessionId(), job.camera(), null, 0, McapIngestErrors.of(job.file(),
        job.sessionId(), job.topic(), McapIngestErrors.CAMERA_NOT_REMUXED, "camera " + job.camera() + ": " + why));
  }
}
