package ai.curate.jobs.human;

import ai.curate.jobs.landing.LandingZone;
import ai.curate.jobs.fleet.Identifiers;
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
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Ingests one clip folder on an executor: clip.json, then the video (copied to local scratch when remote, decoded and
 * scored), then pose.jsonl, joined to the decoded frames. A bad clip becomes a ledger entry instead of an exception, so
 * one damaged upload never stops the job; storage errors (a failing read, a full scratch disk) do propagate, so that
 * Spark retries the task instead of recording good data as bad. Uploads are not trusted: the folder's files are read
 * within {@link HumanIngestSettings.ReadLimits} (an over-long pose line is skipped unread, an oversized clip.json or
 * pose.jsonl is not read at all) and a file that is a symbolic link is never opened.
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
      return clip.layout() == ClipLocation.Layout.EGODEX
          ? new EgodexIngest(this, settings, hadoopConf.get(), scratch).ingest(clip)
          : ingestOrReject(clip);
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
    HumanIngestSettings.ReadLimits limits = settings.limits();
    Map<String, FileStatus> files = listClipFiles(fs, clip);

    FileStatus json = files.get(ClipLocation.CLIP_JSON);
    if (json == null) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.clipJsonMissing(clip));
    }
    if (LandingZone.isSymlink(fs, json)) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.fileIsSymlink(clip, ClipLocation.CLIP_JSON));
    }
    ClipMetadata metadata;
    try {
      byte[] bytes = readAtMost(fs, json, limits.clipJsonBytes());
      if (bytes == null) {
        return ClipIngestResult.rejected(clip,
            HumanIngestErrors.clipJsonTooLarge(clip, json.getLen(), limits.clipJsonBytes()));
      }
      metadata = ClipMetadataParser.parse(new ByteArrayInputStream(bytes));
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
    for (String[] id : new String[][] {{"dataset", clip.dataset()}, {"clip_id", clip.clipId()}}) {
      // They agree with the folders; they also become table keys and the face-blur copy's folders.
      if (!Identifiers.isId(id[1])) {
        return ClipIngestResult.rejected(clip, HumanIngestErrors.identifierInvalid(clip, id[0], id[1]));
      }
    }

    FileStatus videoFile = files.get(ClipLocation.VIDEO);
    if (videoFile == null) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.videoMissing(clip));
    }
    if (LandingZone.isSymlink(fs, videoFile)) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.fileIsSymlink(clip, ClipLocation.VIDEO));
    }
    List<IngestError> warnings = new ArrayList<>();
    DecodedVideo decoded = decodeVideo(fs, clip, videoFile, warnings);
    if (decoded.rejection() != null) {
      return ClipIngestResult.rejected(clip, decoded.rejection());
    }
    VideoAnalysis video = decoded.video();

    PoseTrack pose = readPose(fs, clip, files.get(ClipLocation.POSE), warnings);
    PoseJoin join = null;
    if (pose != null) {
      if (pose.lines() == 0) {
        warnings.add(HumanIngestErrors.poseEmpty(clip));
      }
      warnings.addAll(poseWarnings(clip, pose));
      if (!settings.keyframesOnly()) {
        join = PoseJoin.of(video.frames(), pose.frames());
      }
    }
    return new ClipIngestResult(clip, metadata, videoFile.getLen(), video, pose, join, List.copyOf(warnings),
        decoded.deidentified());
  }

  /** A decoded video and its optional face-blurred copy, or why the clip is rejected. */
  record DecodedVideo(VideoAnalysis video, DeidentifiedCopy deidentified, IngestError rejection) {}

  /**
   * Decodes and scores the clip's video (copied to local scratch first when remote), writes the face-blurred copy
   * when the pass is on, and adds the video's warnings; an undecodable video is a rejection.
   */
  DecodedVideo decodeVideo(FileSystem fs, ClipLocation clip, FileStatus videoFile, List<IngestError> warnings)
      throws IOException {
    try (LocalCopy local = LocalCopy.of(fs, videoFile.getPath(), scratch)) {
      VideoAnalysis video;
      try {
        video = new VideoAnalyzer(settings.videoOptions()).analyze(local.path());
      } catch (VideoUnreadableException e) {
        // The scratch copy's path changes every run; the ledger names the source.
        String reason = e.getMessage().replace(local.path().toString(), clip.file(clip.videoName()));
        return new DecodedVideo(null, null, HumanIngestErrors.videoUnreadable(clip, reason));
      }
      warnings.addAll(videoWarnings(clip, video.summary()));
      DeidentifiedCopy deidentified = null;
      if (settings.faceBlur() != null) {
        try {
          deidentified = deidentify(clip, local.path(), settings.faceBlur());
        } catch (VideoUnreadableException | IllegalStateException e) {
          String reason = e.getMessage().replace(local.path().toString(), clip.file(clip.videoName()));
          warnings.add(HumanIngestErrors.faceBlurFailed(clip, reason));
        }
      }
      return new DecodedVideo(video, deidentified, null);
    }
  }

  /**
   * The clip folder's own files by name (clip.json, video.mp4, pose.jsonl), listed once without following links; a
   * folder that vanished since the driver listed it has none.
   */
  private static Map<String, FileStatus> listClipFiles(FileSystem fs, ClipLocation clip) throws IOException {
    Map<String, FileStatus> out = new HashMap<>();
    try {
      for (FileStatus s : fs.listStatus(new Path(clip.dir()))) {
        out.put(s.getPath().getName(), s);
      }
    } catch (FileNotFoundException e) {
      return Map.of();
    }
    return out;
  }

  /** The whole file, or null when it holds more than {@code maxBytes}; never more than {@code maxBytes + 1} read. */
  private static byte[] readAtMost(FileSystem fs, FileStatus file, long maxBytes) throws IOException {
    if (file.getLen() > maxBytes) {
      return null;
    }
    try (InputStream in = fs.open(file.getPath())) {
      byte[] bytes = in.readNBytes(Math.toIntExact(maxBytes + 1));
      return bytes.length > maxBytes ? null : bytes;
    }
  }

  /**
   * The clip's pose track, or null (with a warning saying why) when there is none to read: pose.jsonl missing, a
   * symbolic link, or larger than the file limit. Read a line at a time within the line limit.
   */
  private PoseTrack readPose(FileSystem fs, ClipLocation clip, FileStatus file, List<IngestError> warnings)
      throws IOException {
    if (file == null) {
      warnings.add(HumanIngestErrors.poseMissing(clip));
      return null;
    }
    if (LandingZone.isSymlink(fs, file)) {
      warnings.add(HumanIngestErrors.fileIsSymlink(clip, ClipLocation.POSE));
      return null;
    }
    long maxBytes = settings.limits().poseFileBytes();
    if (file.getLen() > maxBytes) {
      warnings.add(HumanIngestErrors.poseFileTooLarge(clip, file.getLen(), maxBytes));
      return null;
    }
    try (CappedInputStream in = new CappedInputStream(fs.open(file.getPath()), maxBytes)) {
      PoseTrack track = PoseJsonlReader.lenient(new InputStreamReader(in, StandardCharsets.UTF_8),
          settings.limits().poseLineBytes());
      if (in.exceeded()) {
        warnings.add(HumanIngestErrors.poseFileTooLarge(clip, file.getLen(), maxBytes));
        return null;
      }
      return track;
    } catch (FileNotFoundException e) {
      warnings.add(HumanIngestErrors.poseMissing(clip));
      return null;
    }
  }

  /**
   * Writes the clip's face-blurred copy to {@code <output>/date=D/<dataset>/<clip_id>/video.mp4}: encoded to local
   * scratch, then put in place by {@link #publish}, so a reader never sees half a file, a rerun replaces the copy,
   * and a task that dies while replacing it leaves the previous copy readable.
   */
  private DeidentifiedCopy deidentify(ClipLocation clip, java.nio.file.Path source, HumanIngestSettings.FaceBlur blur)
      throws IOException, VideoUnreadableException {
    String dateFolder = clip.dateFolderName();
    Path target = new Path(blur.output() + "/" + dateFolder + "/" + clip.dataset() + "/" + clip.clipId() + "/"
        + ClipLocation.VIDEO);
    java.nio.file.Path root = Files.createDirectories(Paths.get(scratch, "face-blur"));
    java.nio.file.Path dir = Files.createTempDirectory(root, "clip-");
    try {
      java.nio.file.Path encoded = dir.resolve(ClipLocation.VIDEO);
      FaceBlurResult result = new FaceBlurrer(blur.options()).blur(source, encoded);
      FileSystem out = target.getFileSystem(hadoopConf.get());
      Path published = publish(out, hadoopConf.get(), encoded, target);
      return new DeidentifiedCopy(published.toString(), out.getFileStatus(published).getLen(),
          blur.options().describe(), result);
    } finally {
      LocalCopy.delete(dir);
    }
  }

  /** Schemes of object stores, where an upload replaces an object in one step when it completes. */
  private static final Set<String> OBJECT_STORES = Set.of("s3a", "s3", "gs");

  /**
   * Puts the local file {@code encoded} at {@code target}, replacing an earlier copy so that readers see the old copy
   * or the new one, whole, at every moment, and a task that dies midway leaves the old one in place:
   * <ul>
   *   <li>local disk: copied to a hidden temporary sibling, then moved over the target in one atomic rename (which
   *       replaces the old file; it is never deleted first);</li>
   *   <li>object stores ({@link #OBJECT_STORES}): uploaded straight to the target, since an object becomes visible,
   *       replacing the old one, only when its upload completes (a rename there would be a copy);</li>
   *   <li>other file systems (HDFS, ...): uploaded to a hidden temporary sibling, then renamed over the target with
   *       {@link FileContext#rename} and {@link Options.Rename#OVERWRITE}, which HDFS does atomically.</li>
   * </ul>
   *
   * @return the target, qualified
   */
  static Path publish(FileSystem out, Configuration conf, java.nio.file.Path encoded, Path target)
      throws IOException {
    Path qualified = out.makeQualified(target);
    String scheme = qualified.toUri().getScheme().toLowerCase(java.util.Locale.ROOT);
    String temporary = "." + target.getName() + "." + UUID.randomUUID() + ".tmp";
    if (scheme.equals("file")) {
      java.nio.file.Path destination = Paths.get(qualified.toUri());
      Files.createDirectories(destination.getParent());
      java.nio.file.Path partial = destination.resolveSibling(temporary);
      try {
        Files.copy(encoded, partial);
        // Hadoop's local file system may have left a checksum of an earlier copy beside it: it would not match the
        // new one. Removed first: the old copy reads fine without it.
        Files.deleteIfExists(destination.resolveSibling("." + destination.getFileName() + ".crc"));
        Files.move(partial, destination, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(partial);
      }
      return qualified;
    }
    if (OBJECT_STORES.contains(scheme)) {
      out.copyFromLocalFile(false, true, new Path(encoded.toUri()), qualified);
      return qualified;
    }
    Path partial = new Path(qualified.getParent(), temporary);
    out.mkdirs(qualified.getParent());
    try {
      out.copyFromLocalFile(false, true, new Path(encoded.toUri()), partial);
      FileContext.getFileContext(qualified.toUri(), conf).rename(partial, qualified, Options.Rename.OVERWRITE);
    } finally {
      if (out.exists(partial)) {
        out.delete(partial, false);
      }
    }
    return qualified;
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

  /** Ends after {@code max} bytes; {@link #exceeded} then says whether the file had more. */
  private static final class CappedInputStream extends FilterInputStream {
    private long left;
    private boolean exceeded;

    CappedInputStream(InputStream in, long max) {
      super(in);
      this.left = max;
    }

    boolean exceeded() {
      return exceeded;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (left == 0) {
        if (!exceeded && in.read() >= 0) {
          exceeded = true;
        }
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(Math.min(n, left));
      left -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), left);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
