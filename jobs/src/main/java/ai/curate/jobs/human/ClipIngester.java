package ai.curate.jobs.human;

import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.video.FaceBlurResult;
import ai.curate.jobs.video.FaceBlurrer;
import ai.curate.jobs.video.VideoAnalysis;
import ai.curate.jobs.video.VideoAnalyzer;
import ai.curate.jobs.video.VideoIntegrity;
import ai.curate.jobs.video.VideoSummary;
import ai.curate.jobs.video.VideoUnreadableException;
import ai.curate.retargeting.pose.PoseJsonlReader;
import ai.curate.retargeting.pose.PoseLineError;
import ai.curate.retargeting.pose.PoseTrack;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
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
    List<IngestError> warnings = new ArrayList<>();
    DeidentifiedCopy deidentified = null;
    try (LocalVideo local = LocalVideo.of(fs, videoPath, scratch)) {
      try {
        video = new VideoAnalyzer(settings.videoOptions()).analyze(local.path());
      } catch (VideoUnreadableException e) {
        // The scratch copy's path changes every run; the ledger names the source.
        String reason = e.getMessage().replace(local.path().toString(), clip.file(ClipLocation.VIDEO));
        return ClipIngestResult.rejected(clip, HumanIngestErrors.videoUnreadable(clip, reason));
      }
      warnings.addAll(videoWarnings(clip, video.summary()));
      if (settings.faceBlur() != null) {
        try {
          deidentified = deidentify(clip, local.path(), settings.faceBlur());
        } catch (VideoUnreadableException | IllegalStateException e) {
          String reason = e.getMessage().replace(local.path().toString(), clip.file(ClipLocation.VIDEO));
          warnings.add(HumanIngestErrors.faceBlurFailed(clip, reason));
        }
      }
    }

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
    return new ClipIngestResult(clip, metadata, videoBytes, video, pose, join, List.copyOf(warnings), deidentified);
  }

  /**
   * Writes the clip's face-blurred copy to {@code <output>/date=D/<dataset>/<clip_id>/video.mp4}: encoded to local
   * scratch, uploaded under a hidden temporary name, then renamed over any earlier copy, so a reader never sees half
   * a file and a rerun replaces the copy.
   */
  private DeidentifiedCopy deidentify(ClipLocation clip, java.nio.file.Path source, HumanIngestSettings.FaceBlur blur)
      throws IOException, VideoUnreadableException {
    String dateFolder = new Path(clip.dir()).getParent().getParent().getName();
    Path target = new Path(blur.output() + "/" + dateFolder + "/" + clip.dataset() + "/" + clip.clipId() + "/"
        + ClipLocation.VIDEO);
    java.nio.file.Path root = Files.createDirectories(Paths.get(scratch, "face-blur"));
    java.nio.file.Path dir = Files.createTempDirectory(root, "clip-");
    try {
      java.nio.file.Path encoded = dir.resolve(ClipLocation.VIDEO);
      FaceBlurResult result = new FaceBlurrer(blur.options()).blur(source, encoded);
      FileSystem out = target.getFileSystem(hadoopConf.get());
      Path partial = new Path(target.getParent(), "." + ClipLocation.VIDEO + "." + UUID.randomUUID() + ".tmp");
      out.mkdirs(target.getParent());
      out.copyFromLocalFile(false, true, new Path(encoded.toUri()), partial);
      out.delete(target, false);
      if (!out.rename(partial, target)) {
        out.delete(partial, false);
        throw new IOException("renaming " + partial + " to " + target + " failed");
      }
      return new DeidentifiedCopy(out.makeQualified(target).toString(), out.getFileStatus(target).getLen(),
          blur.options().describe(), result);
    } finally {
      LocalVideo.delete(dir);
    }
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
      return PoseJsonlReader.lenient(reader);
    } catch (FileNotFoundException e) {
      return null;
    }
  }
}
