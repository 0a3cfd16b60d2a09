package ai.curate.jobs.clips;

import ai.curate.jobs.fleet.VideoPaths;
import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.video.FfmpegLog;
import ai.curate.jobs.video.VideoUnreadableException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * One export task: the steps of a range of episodes, sorted by episode and step, into clips written to tar shards.
 * Episode by episode, {@link ClipWindows} picks the clips as the steps stream by; each camera's video is decoded
 * forward once ({@link SourceVideo}) and every decoded frame goes to each open clip that shows it, so overlapping
 * clips share one decode and only the clips of one span are open at a time (one encoder per clip and camera). A
 * frame is decoded only once no clip still to come can start before it, which keeps decoding strictly forward.
 *
 * <p>A video that cannot be read ends its episode's export there (the clips already written stay, being whole);
 * the error goes to {@code onError} with the episode, camera and video. Returns one {@code gold.clips} row per clip
 * ({@link ClipColumns#CLIPS}), after its shard is complete.
 */
final class ClipTask implements AutoCloseable {
  /** What every task of one export shares (serialized to the executors). */
  record Settings(ClipProfile profile, String out, String captureDate, long shardBytes, List<String> jointNames,
      String warehouse, String scratch, String fingerprint) implements Serializable {}

  /** Counts of one task, summed by the driver (one per partition: a re-run of the job replaces, not adds). */
  static final class Counts implements Serializable {
    int partition;
    long episodes;
    long steps;
    long clips;
    long droppedTails;
    long droppedSteps;
    long failedEpisodes;
    long framesDecoded;
  }

  private final Settings settings;
  private final Configuration conf;
  private final int partition;
  private final Consumer<IngestError> onError;
  private final Counts counts = new Counts();
  private final Path work;
  private final Map<String, ShardWriter> shards = new LinkedHashMap<>();
  private final List<Row> finished = new ArrayList<>();
  /**
   * Open videos by file: the episodes of one session follow each other in time within a task (rows are partitioned
   * by session), so each camera video is decoded forward once for all of them. Closed when the session changes.
   */
  private final Map<Path, SourceVideo> videos = new LinkedHashMap<>();
  /** Local copies of videos on other file systems, deleted with their session's videos. */
  private final List<Path> copies = new ArrayList<>();
  private String currentGroup = "";

  private Episode episode;

  ClipTask(Settings settings, Configuration conf, int partition, Consumer<IngestError> onError) {
    this.settings = settings;
    this.conf = conf;
    this.partition = partition;
    this.onError = onError;
    counts.partition = partition;
    try {
      Files.createDirectories(Path.of(settings.scratch()));
      this.work = Files.createTempDirectory(Path.of(settings.scratch()), "curate-clips-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a work folder in paths.scratch " + settings.scratch(), e);
    }
  }

  Counts counts() {
    return counts;
  }

  /** Exports the rows (sorted by episode, then step) and returns the index rows of every clip written. */
  List<Row> run(Iterator<Row> rows) throws IOException {
    // FFmpeg's lines (an encoder's stream dump at every clip) go through the process's one log callback, at warning
    // level, instead of to standard error.
    try (FfmpegLog.Capture log = FfmpegLog.capture()) {
      return export(rows);
    }
  }

  private List<Row> export(Iterator<Row> rows) throws IOException {
    while (rows.hasNext()) {
      Row row = rows.next();
      ClipRecord.Episode identity = identity(row);
      if (episode == null || !episode.identity.equals(identity)) {
        endEpisode();
        episode = new Episode(identity, row);
        counts.episodes++;
      }
      counts.steps++;
      episode.offer(row);
    }
    endEpisode();
    closeVideos();
    for (ShardWriter s : shards.values()) {
      s.close();
    }
    shards.clear();
    return finished;
  }

  private void endEpisode() throws IOException {
    if (episode != null) {
      episode.finish();
      episode.close();
      episode = null;
    }
  }

  private static ClipRecord.Episode identity(Row row) {
    return new ClipRecord.Episode(row.getAs("source"), String.valueOf(row.<Object>getAs("capture_date")),
        row.getAs("robot_id"), row.getAs("session_id"), row.getAs("dataset"), row.getAs("episode_id"),
        row.getAs("split"), row.getAs(ClipColumns.TASK));
  }

  /** A clip being encoded: its frames and, per camera, its encoder and how many frames it has. */
  private final class OpenClip {
    final ClipWindows.Window<ClipStep> window;
    final String id;
    final ClipEncoder[] encoders;
    final int[] position;

    OpenClip(ClipWindows.Window<ClipStep> window, List<String> cameras, ClipRecord.Episode e) {
      this.window = window;
      this.id = clipId(e, window.first().index());
      this.encoders = new ClipEncoder[cameras.size()];
      this.position = new int[cameras.size()];
      try {
        for (int c = 0; c < cameras.size(); c++) {
          encoders[c] = new ClipEncoder(work.resolve(id + "." + cameras.get(c) + ".mp4"),
              settings.profile().width(), settings.profile().height(), settings.profile().fps());
        }
      } catch (RuntimeException ex) {
        abandon();
        throw ex;
      }
    }

    long needed(int camera) {
      return position[camera] < window.frames().size()
          ? window.frames().get(position[camera]).payload().frameIndex()[camera]
          : Long.MAX_VALUE;
    }

    boolean complete() {
      for (int p : position) {
        if (p < window.frames().size()) {
          return false;
        }
      }
      return true;
    }

    void abandon() {
      for (ClipEncoder e : encoders) {
        if (e == null) {
          continue;
        }
        e.close();
        try {
          Files.deleteIfExists(e.file());
        } catch (IOException ignored) {
          // A work file: the work folder goes at the end of the task.
        }
      }
    }
  }

  /** The clip id: from content (profile, episode identity, first step), so a rerun names the same clip alike. */
  String clipId(ClipRecord.Episode e, long firstStep) {
    String key = String.join("\u0000", settings.profile().name(), e.source(), Objects.toString(e.robotId(), ""),
        Objects.toString(e.sessionId(), ""), Objects.toString(e.dataset(), ""), e.episodeId(),
        Long.toString(firstStep));
    return ClipProfile.sha256(key).substring(0, 32);
  }

  /** The export of one episode. */
  private final class Episode implements AutoCloseable {
    final ClipRecord.Episode identity;
    final List<String> cameras;
    final SourceVideo[] videos;
    final ClipWindows<ClipStep> windows;
    final List<OpenClip> open = new ArrayList<>();
    /** Per camera, the frame of the last step offered (no clip still to come shows an earlier frame). */
    final long[] lastFrame;
    boolean failed;
    long written;

    Episode(ClipRecord.Episode identity, Row first) {
      this.identity = identity;
      ClipProfile p = settings.profile();
      this.cameras = p.camerasOf(identity.source());
      this.windows = new ClipWindows<>(p.frames(), p.fps(), p.stride());
      this.videos = new SourceVideo[cameras.size()];
      keepOnly(first);
      this.lastFrame = new long[cameras.size()];
      java.util.Arrays.fill(lastFrame, -1);
      Map<String, Object> paths = first.isNullAt(first.fieldIndex(ClipColumns.VIDEOS))
          ? Map.of()
          : first.getJavaMap(first.fieldIndex(ClipColumns.VIDEOS));
      for (int c = 0; c < cameras.size(); c++) {
        Object path = paths.get(cameras.get(c));
        if (path == null) {
          // Where the video should have been named: the table and key that name a video of this camera.
          String where = identity.source().equals("human")
              ? "bronze.human_clips " + identity.dataset() + "/" + identity.episodeId()
              : "bronze.videos " + identity.robotId() + "/" + identity.sessionId() + "/" + cameras.get(c);
          fail(cameras.get(c), where, "the episode has no video for camera " + cameras.get(c)
              + " (bronze.videos / bronze.human_clips name none)");
          return;
        }
        try {
          videos[c] = video(localFile(VideoPaths.resolve(settings.warehouse(), (String) path)));
        } catch (IOException e) {
          fail(cameras.get(c), (String) path, "cannot read the video: " + e.getMessage());
          return;
        }
      }
    }

    void offer(Row row) throws IOException {
      if (failed) {
        return;
      }
      ClipWindows.Step<ClipStep> step = ClipStep.of(row, settings.profile(), cameras);
      for (int c = 0; c < cameras.size(); c++) {
        if (step.payload().frameIndex()[c] >= 0) {
          lastFrame[c] = step.payload().frameIndex()[c];
        }
      }
      for (ClipWindows.Window<ClipStep> w : windows.offer(step)) {
        open.add(new OpenClip(w, cameras, identity));
      }
      drive(false);
    }

    void finish() throws IOException {
      if (!failed) {
        for (ClipWindows.Window<ClipStep> w : windows.finish()) {
          open.add(new OpenClip(w, cameras, identity));
        }
        drive(true);
      }
      counts.clips += written;
      counts.droppedTails += windows.droppedTails();
      counts.droppedSteps += windows.droppedSteps();
    }

    /**
     * Decodes and hands out every frame the open clips need that no later clip can need before it; writes the clips
     * that have all their frames.
     */
    private void drive(boolean atEnd) throws IOException {
      for (int c = 0; c < cameras.size() && !failed; c++) {
        long limit = atEnd ? Long.MAX_VALUE : Math.min(lastFrame[c], firstBufferedFrame(c));
        while (true) {
          long next = Long.MAX_VALUE;
          for (OpenClip clip : open) {
            next = Math.min(next, clip.needed(c));
          }
          if (next == Long.MAX_VALUE || next >= limit) {
            break;
          }
          org.bytedeco.opencv.opencv_core.Mat frame;
          try {
            frame = videos[c].frame(next);
          } catch (VideoUnreadableException e) {
            fail(cameras.get(c), videos[c].file().toString(), e.getMessage());
            return;
          }
          for (OpenClip clip : open) {
            while (clip.needed(c) == next) {
              clip.encoders[c].write(frame);
              clip.position[c]++;
            }
          }
        }
      }
      Iterator<OpenClip> it = open.iterator();
      while (it.hasNext()) {
        OpenClip clip = it.next();
        if (!clip.complete()) {
          break; // clips complete in start order; a later one waits for this one
        }
        it.remove();
        write(clip);
      }
    }

    /**
     * The camera's frame at the first buffered step that has one: clips still to come start at a buffered step or
     * later, and frames do not decrease along the steps, so none of them shows an earlier frame.
     */
    private long firstBufferedFrame(int camera) {
      for (ClipWindows.Step<ClipStep> s : windows.buffered()) {
        long f = s.payload().frameIndex()[camera];
        if (f >= 0) {
          return f;
        }
      }
      return Long.MAX_VALUE;
    }

    private void write(OpenClip clip) throws IOException {
      for (ClipEncoder e : clip.encoders) {
        e.finish();
        e.close();
      }
      byte[] json = ClipRecord.json(clip.id, settings.profile(), identity, cameras, clip.window.frames(),
          settings.jointNames());
      ShardWriter shard = shard(identity.source(), identity.split());
      List<Row> members = new ArrayList<>();
      for (int c = 0; c < cameras.size(); c++) {
        String name = clip.id + "." + cameras.get(c) + ".mp4";
        Path file = clip.encoders[c].file();
        long size = Files.size(file);
        members.add(RowFactory.create(name, shard.add(name, file), size));
        Files.delete(file);
      }
      String jsonName = clip.id + ".json";
      members.add(RowFactory.create(jsonName, shard.add(jsonName, json), (long) json.length));
      shard.pending.add(indexRow(clip, members));
      written++;
    }

    private Object[] indexRow(OpenClip clip, List<Row> members) {
      ClipProfile p = settings.profile();
      return new Object[] {p.name(), settings.out(), identity.source(), java.sql.Date.valueOf(identity.captureDate()),
          identity.split(), clip.id, null, members.toArray(new Row[0]), identity.robotId(), identity.sessionId(),
          identity.dataset(),
          identity.episodeId(), identity.task(), (int) clip.window.first().index(), (int) clip.window.last().index(),
          clip.window.first().tsNs(), clip.window.last().tsNs(), clip.window.frames().size(), p.fps(), p.width(),
          p.height(), cameras.toArray(new String[0]), settings.fingerprint()};
    }

    private void fail(String camera, String video, String why) {
      failed = true;
      counts.failedEpisodes++;
      long lost = open.size();
      for (OpenClip clip : open) {
        clip.abandon();
      }
      open.clear();
      onError.accept(new IngestError(video, identity.sessionId(), identity.source().equals("human")
          ? identity.episodeId()
          : null, camera, "clip_video_unreadable",
          "episode " + identity.episodeId()
              + " (" + identity.source() + "): camera " + camera + ": " + why + "; the episode's clips from here on are"
              + " not exported (" + lost + " in progress), the ones before are. Fix or re-ingest the video and rerun"
              + " the export"));
    }

    @Override
    public void close() {
      for (OpenClip clip : open) {
        clip.abandon();
      }
    }
  }

  /** The open video of {@code file}, opened on first use. */
  private SourceVideo video(Path file) {
    return videos.computeIfAbsent(file, f -> new SourceVideo(f, new FrameScaler(settings.profile().width(),
        settings.profile().height(), settings.profile().resize())));
  }

  /** Closes the videos of other sessions than {@code first}'s: the rows have moved on to another session. */
  private void keepOnly(Row first) {
    String group = videoGroup(first);
    if (!group.equals(currentGroup)) {
      closeVideos();
      currentGroup = group;
    }
  }

  /** Rows of one group share their videos: a fleet session, or one human clip. */
  static String videoGroup(Row row) {
    return String.join("\u0000", String.valueOf(row.<String>getAs("source")),
        Objects.toString(row.getAs("robot_id"), ""), Objects.toString(row.getAs("session_id"), ""),
        Objects.toString(row.getAs("dataset"), ""),
        row.getAs("session_id") == null ? row.<String>getAs("episode_id") : "");
  }

  private void closeVideos() {
    for (SourceVideo v : videos.values()) {
      counts.framesDecoded += v.decoded();
      v.close();
    }
    videos.clear();
    for (Path copy : copies) {
      try {
        Files.deleteIfExists(copy);
      } catch (IOException ignored) {
        // A work file: the work folder goes at the end of the task.
      }
    }
    copies.clear();
  }

  /** A local path for {@code video}: itself on the local file system, else a copy in the work folder. */
  private Path localFile(String video) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(video);
    FileSystem fs = path.getFileSystem(conf);
    org.apache.hadoop.fs.Path qualified = fs.makeQualified(path);
    if ("file".equalsIgnoreCase(qualified.toUri().getScheme())) {
      return Path.of(qualified.toUri());
    }
    Path local = work.resolve("source-" + ClipProfile.sha256(qualified.toString()).substring(0, 24) + "-"
        + path.getName());
    if (!Files.exists(local)) {
      // Copied under a temporary name first, so that a copy cut short is never taken for the video.
      Path partial = work.resolve(local.getFileName() + ".partial");
      fs.copyToLocalFile(false, qualified, new org.apache.hadoop.fs.Path(partial.toUri()), true);
      Files.move(partial, local, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      copies.add(local);
    }
    return local;
  }

  private ShardWriter shard(String source, String split) throws IOException {
    String key = source + "/" + split;
    ShardWriter current = shards.get(key);
    if (current != null && current.writer.position() >= settings.shardBytes()) {
      current.close();
      current = null;
    }
    if (current == null) {
      int seq = shards.containsKey(key) ? shards.get(key).seq + 1 : 0;
      current = new ShardWriter(source, split, seq);
      shards.put(key, current);
    }
    return current;
  }

  /**
   * The folder of a (source, split) of one export date, relative to the export root:
   * {@code <profile>/source=<s>/split=<split>/capture_date=<D>}.
   */
  static String folder(String profile, String source, String split, String date) {
    return profile + "/source=" + source + "/split=" + split + "/capture_date=" + date;
  }

  /** One shard being written locally; moved into the export root when closed. */
  private final class ShardWriter {
    final int seq;
    final String relative;
    final Path local;
    final TarWriter writer;
    final List<Object[]> pending = new ArrayList<>();

    ShardWriter(String source, String split, int seq) throws IOException {
      this.seq = seq;
      // The inputs' fingerprint in the name: a rerun on changed inputs never overwrites a shard the committed
      // index still points into; the same inputs give the same names and bytes.
      String name = settings.fingerprint().substring(0, 12) + String.format("-%05d-%04d.tar", partition, seq);
      this.relative = folder(settings.profile().name(), source, split, settings.captureDate()) + "/" + name;
      this.local = work.resolve("shard-" + source + "-" + split + "-" + seq + ".tar");
      this.writer = new TarWriter(local);
    }

    long add(String name, byte[] data) throws IOException {
      return writer.add(name, data);
    }

    long add(String name, Path file) throws IOException {
      return writer.add(name, file);
    }

    void close() throws IOException {
      writer.close();
      org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(settings.out(), relative);
      org.apache.hadoop.fs.Path temp = new org.apache.hadoop.fs.Path(target.getParent(), "." + target.getName()
          + ".tmp-" + java.util.UUID.randomUUID());
      FileSystem fs = target.getFileSystem(conf);
      fs.mkdirs(target.getParent());
      fs.copyFromLocalFile(true, true, new org.apache.hadoop.fs.Path(local.toUri()), temp);
      // Atomic where the file system can (local, HDFS): a reader sees the old shard or the new one, never half.
      FileContext.getFileContext(target.toUri(), conf).rename(temp, target, Options.Rename.OVERWRITE);
      for (Object[] row : pending) {
        row[6] = relative;
        finished.add(RowFactory.create(row));
      }
      pending.clear();
    }
  }

  @Override
  public void close() {
    try {
      if (episode != null) {
        episode.close();
      }
      closeVideos();
      for (ShardWriter s : shards.values()) {
        try {
          s.writer.close(); // only after a failure: the local shard goes with the work folder
        } catch (IOException ignored) {
          // Same.
        }
      }
    } finally {
      deleteTree(work);
    }
  }

  private static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // Scratch space: what cannot be deleted now goes with the scratch folder.
        }
      });
    } catch (IOException ignored) {
      // Same.
    }
  }
}
