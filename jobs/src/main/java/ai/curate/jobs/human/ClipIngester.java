package ai.curate.jobs.human;

import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.video.VideoAnalysis;
import ai.curate.jobs.video.VideoAnalyzer;
import ai.curate.jobs.video.VideoIntegrity;
import ai.curate.jobs.video.VideoSummary;
import ai.curate.jobs.video.VideoUnreadableException;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Ingests one clip folder on an executor: clip.json, then the video (copied to local scratch when remote, decoded and
 * scored), then pose.jsonl, joined to the decoded frames. A bad clip becomes a ledger entry instead of an exception, so
 * one damaged upload never stops the job; storage errors (a failing read, a full scratch disk) do propagate, so that
 * Spark retries the task instead of recording good data as bad.
 */
public final class ClipIngester implements Serializable {
  /** Where executors get the Hadoop configuration: a broadcast in the stage, a plain one in tests. */
  @FunctionalInterface
  public interface HadoopConf extends Serializable {
    Configuration get();
  }

  private final HumanIngestSettings settings;
  private final HadoopConf hadoopConf;
  private final String scratch;

  public ClipIngester(HumanIngestSettings settings, HadoopConf hadoopConf, String scratch) {
    this.settings = settings;
    this.hadoopConf = hadoopConf;
    this.scratch = scratch;
  }

  public ClipIngestResult ingest(ClipLocation clip) {
    try {
      return ingestOrReject(clip);
    } catch (IOException e) {
      throw new UncheckedIOException("reading clip " + clip.dir() + " failed: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw e;
    } catch (RuntimeException e) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.ingestFailed(clip, e));
    }
  }

  private ClipIngestResult ingestOrReject(ClipLocation clip) throws IOException {
    FileSystem fs = new Path(clip.dir()).getFileSystem(hadoopConf.get());

    ClipMetadata metadata;
    try (InputStream in = fs.open(new Path(clip.file(ClipLocation.CLIP_JSON)))) {
      metadata = ClipMetadataParser.parse(in);
    } catch (FileNotFoundException e) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.clipJsonMissing(clip));
    } catch (ClipFormatException e) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.clipJson(clip, e));
    }
    if (!metadata.clipId().equals(clip.clipId())) {
      return ClipIngestResult.rejected(clip,
          HumanIngestErrors.identityMismatch(clip, "clip_id", metadata.clipId(), clip.clipId()));
    }
    if (!metadata.dataset().equals(clip.dataset())) {
      return ClipIngestResult.rejected(clip,
          HumanIngestErrors.identityMismatch(clip, "dataset", metadata.dataset(), clip.dataset()));
    }

    Path videoPath = new Path(clip.file(ClipLocation.VIDEO));
    if (!fs.exists(videoPath)) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.videoMissing(clip));
    }
    long videoBytes = fs.getFileStatus(videoPath).getLen();
    VideoAnalysis video;
    try (LocalVideo local = LocalVideo.of(fs, videoPath, scratch)) {
      try {
        video = new VideoAnalyzer(settings.videoOptions()).analyze(local.path());
      } catch (VideoUnreadableException e) {
        // The scratch copy's path changes every run; the ledger names the source.
        String reason = e.getMessage().replace(local.path().toString(), clip.file(ClipLocation.VIDEO));
        return ClipIngestResult.rejected(clip, HumanIngestErrors.videoUnreadable(clip, reason));
      }
    }

    List<IngestError> warnings = new ArrayList<>(videoWarnings(clip, video.summary()));
    PoseTrack pose = readPose(fs, clip);
    PoseJoin join = null;
    if (pose == null) {
      warnings.add(HumanIngestErrors.poseMissing(clip));
    } else {
      warnings.addAll(poseWarnings(clip, pose));
      if (!settings.keyframesOnly()) {
        join = PoseJoin.of(video.frames(), pose.frames());
      }
    }
    return new ClipIngestResult(clip, metadata, videoBytes, video, pose, join, List.copyOf(warnings));
  }

  private static List<IngestError> videoWarnings(ClipLocation clip, VideoSummary s) {
    List<IngestError> out = new ArrayList<>();
    VideoIntegrity integrity = s.integrity();
    if (Boolean.TRUE.equals(integrity.truncated())) {
      out.add(HumanIngestErrors.videoTruncated(clip, s));
    }
    if (integrity.corrupt()) {
      out.add(HumanIngestErrors.videoCorrupt(clip, s));
    }
    if (out.isEmpty() && integrity.missingFrames() != null && integrity.missingFrames() > 0) {
      out.add(HumanIngestErrors.videoIncomplete(clip, s));
    }
    return out;
  }

  private List<IngestError> poseWarnings(ClipLocation clip, PoseTrack pose) {
    List<IngestError> out = new ArrayList<>();
    List<PoseLineError> errors = pose.errors();
    int listed = Math.min(errors.size(), settings.maxPoseErrorsPerClip());
    for (int i = 0; i < listed; i++) {
      out.add(HumanIngestErrors.poseLine(clip, errors.get(i)));
    }
    if (errors.size() > listed) {
      out.add(HumanIngestErrors.morePoseLines(clip, errors.size() - listed, errors.size()));
    }
    return out;
  }

  private static PoseTrack readPose(FileSystem fs, ClipLocation clip) throws IOException {
    Path path = new Path(clip.file(ClipLocation.POSE));
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(fs.open(path), StandardCharsets.UTF_8))) {
      return PoseTrackReader.read(reader);
    } catch (FileNotFoundException e) {
      return null;
    }
  }
}
