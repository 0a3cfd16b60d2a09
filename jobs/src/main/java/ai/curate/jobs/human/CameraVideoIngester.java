package ai.curate.jobs.human;

import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.video.FleetVideoAnalysis;
import ai.curate.jobs.video.FleetVideoAnalyzer;
import ai.curate.jobs.video.VideoIntegrity;
import ai.curate.jobs.video.VideoSummary;
import ai.curate.jobs.video.VideoUnreadableException;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Analyses one fleet camera video on an executor (copied to local scratch first when remote): every frame's packet,
 * and the frames decoded with the same analyser and settings as human clips (key frames only in the default
 * {@code packets} mode), so robot and human video carry the same per-frame signals. A video that cannot
 * be decoded becomes a ledger entry, and so does one whose decoding fails in a way no check foresees (native FFmpeg
 * code running out of memory or throwing): one video must not stop the date. A storage failure propagates so that
 * Spark retries the task.
 */
public final class CameraVideoIngester implements Serializable {
  public static final String CAMERA_VIDEO_UNREADABLE = "camera_video_unreadable";
  public static final String CAMERA_VIDEO_DAMAGED = "camera_video_damaged";

  private final HumanIngestSettings settings;
  private final ClipIngester.HadoopConf hadoopConf;
  private final String scratch;
  private final Analyzer analyzer;

  /** Decodes a local video file; a seam for the failures native decoding can have. */
  @FunctionalInterface
  public interface Analyzer extends Serializable {
    FleetVideoAnalysis analyze(java.nio.file.Path video) throws VideoUnreadableException;
  }

  public CameraVideoIngester(HumanIngestSettings settings, ClipIngester.HadoopConf hadoopConf, String scratch) {
    this(settings, hadoopConf, scratch,
        video -> new FleetVideoAnalyzer(settings.videoOptions(), settings.fleetVideo()).analyze(video));
  }

  CameraVideoIngester(HumanIngestSettings settings, ClipIngester.HadoopConf hadoopConf, String scratch,
      Analyzer analyzer) {
    this.settings = settings;
    this.hadoopConf = hadoopConf;
    this.scratch = scratch;
    this.analyzer = analyzer;
  }

  public CameraVideoResult ingest(CameraVideoLocation video) {
    Path path = new Path(video.path());
    try {
      FileSystem fs = path.getFileSystem(hadoopConf.get());
      long bytes = fs.getFileStatus(path).getLen();
      try (LocalCopy local = LocalCopy.of(fs, path, scratch)) {
        try {
          FleetVideoAnalysis analysis = analyzer.analyze(local.path());
          return new CameraVideoResult(video, bytes, analysis, warnings(video, analysis.summary()));
        } catch (VideoUnreadableException e) {
          return unreadable(video, bytes, "cannot be decoded: " + e.getMessage(), local);
        } catch (UncheckedIOException e) {
          throw e;
        } catch (RuntimeException | OutOfMemoryError e) {
          return unreadable(video, bytes, "decoding failed unexpectedly (" + e.getClass().getSimpleName() + ": "
              + e.getMessage() + "; report it with the video if it recurs)", local);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading camera video " + video.path() + " failed: " + e.getMessage(), e);
    }
  }

  private static CameraVideoResult unreadable(CameraVideoLocation video, long bytes, String reason, LocalCopy local) {
    // A scratch copy's path changes every run; the ledger names the source.
    return new CameraVideoResult(video, bytes, null, List.of(error(video, CAMERA_VIDEO_UNREADABLE, "camera video "
        + reason.replace(local.path().toString(), video.path()) + ". The session's other data is unaffected; the"
        + " camera gets no rows in bronze.fleet_video_quality, fleet_video_packets or fleet_video_frames")));
  }

  private static List<IngestError> warnings(CameraVideoLocation video, VideoSummary s) {
    List<IngestError> out = new ArrayList<>();
    VideoIntegrity v = s.integrity();
    if (VideoIntegrity.DAMAGED.equals(v.status())) {
      String first = s.decodeErrorMessages().isEmpty() ? "" : "; first FFmpeg error: " + s.decodeErrorMessages().get(0);
      out.add(error(video, CAMERA_VIDEO_DAMAGED, String.format(Locale.ROOT,
          "camera video decoded only in part: %d frames%s (truncated=%s, corrupt=%s, %d decode errors%s). What was"
              + " read is kept in bronze.fleet_video_packets and fleet_video_frames; check the recording pipeline of robot %s",
          s.timing().frameCount(),
          s.declared().declaredFrameCount() == null ? "" : " of " + s.declared().declaredFrameCount() + " declared",
          v.truncated(), v.corrupt(), s.decodeErrors(), first, video.robotId())));
    }
    return out;
  }

  private static IngestError error(CameraVideoLocation video, String kind, String message) {
    return new IngestError(video.path(), video.sessionId(), null, video.camera(), kind, message);
  }
}
