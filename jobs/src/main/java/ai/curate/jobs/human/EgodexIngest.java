package ai.curate.jobs.human;

import ai.curate.jobs.fleet.Identifiers;
import ai.curate.jobs.human.egodex.EgodexDefaults;
import ai.curate.jobs.human.egodex.EgodexFormatException;
import ai.curate.jobs.human.egodex.EgodexJoints;
import ai.curate.jobs.human.egodex.EgodexReader;
import ai.curate.jobs.human.egodex.EgodexRecording;
import ai.curate.jobs.landing.LandingZone;
import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.video.StreamFacts;
import ai.curate.jobs.video.VideoAnalysis;
import ai.curate.retargeting.pose.HandObservation;
import ai.curate.retargeting.pose.PoseLine;
import ai.curate.retargeting.pose.PoseTrack;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Ingests one EgoDex recording on an executor ({@code <task>/<n>.hdf5} with {@code <n>.mp4}, docs/raw-formats.md):
 * the HDF5 file (copied to local scratch when remote) read by {@link EgodexReader}, the video decoded and scored as
 * any clip's, and the pose rows joined to the decoded frames by frame index, each taking its frame's presentation
 * time. The result has the same shape as a clip folder's, so every table and stage after this one treats both alike.
 */
final class EgodexIngest {
  private final ClipIngester videos;
  private final HumanIngestSettings settings;
  private final Configuration hadoop;
  private final String scratch;

  EgodexIngest(ClipIngester videos, HumanIngestSettings settings, Configuration hadoop, String scratch) {
    this.videos = videos;
    this.settings = settings;
    this.hadoop = hadoop;
    this.scratch = scratch;
  }

  ClipIngestResult ingest(ClipLocation clip) throws IOException {
    String task = clip.egodexTask();
    if (!clip.stem().chars().allMatch(c -> c >= '0' && c <= '9')) {
      // EgoDex numbers its recordings; digits only also keep <task>-<n> unambiguous (a-1/2 and a/1-2 would collide).
      return ClipIngestResult.rejected(clip, HumanIngestErrors.egodexInvalid(clip, "the file name "
          + ai.curate.jobs.ledger.Excerpt.quoted(clip.stem()) + " is not a recording number (digits only, as EgoDex"
          + " names its files)"));
    }
    for (String[] id : new String[][] {{"the task folder", task}, {"the file name", clip.stem()},
        {"the clip id", clip.clipId()}}) {
      if (!Identifiers.isId(id[1])) {
        return ClipIngestResult.rejected(clip, HumanIngestErrors.egodexIdInvalid(clip, id[0], id[1]));
      }
    }
    FileSystem fs = new Path(clip.dir()).getFileSystem(hadoop);
    FileStatus hdf5 = status(fs, clip, clip.poseName());
    if (hdf5 == null) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.egodexHdf5Missing(clip));
    }
    if (LandingZone.isSymlink(fs, hdf5)) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.fileIsSymlink(clip, clip.poseName()));
    }
    long maxBytes = settings.limits().poseFileBytes();
    if (hdf5.getLen() > maxBytes) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.egodexTooLarge(clip, hdf5.getLen(), maxBytes));
    }
    FileStatus video = status(fs, clip, clip.videoName());
    if (video == null) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.videoMissing(clip));
    }
    if (LandingZone.isSymlink(fs, video)) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.fileIsSymlink(clip, clip.videoName()));
    }

    EgodexRecording recording;
    int maxFrames = maxFrames(maxBytes);
    try (LocalCopy local = LocalCopy.of(fs, hdf5.getPath(), scratch)) {
      recording = EgodexReader.read(local.path(), maxFrames);
    } catch (FileNotFoundException e) {
      return ClipIngestResult.rejected(clip, HumanIngestErrors.egodexHdf5Missing(clip));
    } catch (OutOfMemoryError e) {
      // A damaged object header can make jHDF size one buffer from garbage; that allocation failed, nothing else
      // holds the memory, and the file is damaged: a ledger row, not a dead executor (frame counts are capped
      // before anything is read, so a valid file does not get here).
      return ClipIngestResult.rejected(clip, HumanIngestErrors.egodexUnreadable(clip,
          "the HDF5 file is damaged: one of its structures declares a size no executor can hold"));
    } catch (EgodexFormatException e) {
      IngestError error;
      if (e.tooManyFrames()) {
        error = HumanIngestErrors.egodexTooManyFrames(clip, e.getMessage(), maxBytes);
      } else if (e.unreadable()) {
        error = HumanIngestErrors.egodexUnreadable(clip, e.getMessage());
      } else {
        error = HumanIngestErrors.egodexInvalid(clip, e.getMessage());
      }
      return ClipIngestResult.rejected(clip, error);
    }
    if (recording.frames() == 0) {
      return ClipIngestResult.rejected(clip,
          HumanIngestErrors.egodexInvalid(clip, "transforms/camera has no frames"));
    }

    List<IngestError> warnings = new ArrayList<>();
    ClipIngester.DecodedVideo decoded = videos.decodeVideo(fs, clip, video, warnings);
    if (decoded.rejection() != null) {
      return ClipIngestResult.rejected(clip, decoded.rejection());
    }
    if (recording.invalidHands() > 0) {
      warnings.add(HumanIngestErrors.egodexValuesInvalid(clip, recording.invalidHands(), recording.firstInvalid()));
    }
    Poses poses = poses(clip, recording, decoded.video(), warnings);
    return new ClipIngestResult(clip, metadata(clip, task, recording), video.getLen(), decoded.video(), poses.track(),
        poses.join(), List.copyOf(warnings), decoded.deidentified());
  }

  /**
   * The most frames a recording may declare: its pose is held in memory (about 3 KB a frame while it is read and
   * turned into pose lines), so the pose file limit in bytes, divided by {@value #BYTES_PER_FRAME}, bounds it
   * (262,144 frames, 2.4 hours at 30 Hz, at the default 1 GiB).
   */
  static int maxFrames(long maxPoseFileBytes) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE / 64, maxPoseFileBytes / BYTES_PER_FRAME));
  }

  static final int BYTES_PER_FRAME = 4096;

  private static FileStatus status(FileSystem fs, ClipLocation clip, String name) throws IOException {
    try {
      return fs.getFileLinkStatus(new Path(clip.file(name)));
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  private ClipMetadata metadata(ClipLocation clip, String task, EgodexRecording r) {
    String taskName = r.attribute(EgodexDefaults.TASK_ATTRIBUTE);
    String prompt = null;
    for (String name : EgodexDefaults.DESCRIPTION_ATTRIBUTES) {
      if (prompt == null) {
        prompt = r.attribute(name);
      }
    }
    List<Double> intrinsics = Arrays.stream(r.intrinsics()).boxed().toList();
    return new ClipMetadata(1, clip.clipId(), clip.dataset(), null, null, settings.egodexConsent() ? true : null,
        taskName == null ? task : taskName, prompt, "camera", intrinsics, null, null,
        EgodexDefaults.T_HEAD_CAMERA, ClipMetadata.EGODEX_FORMAT, r.attributes());
  }

  private record Poses(PoseTrack track, PoseJoin join) {}

  /**
   * The pose rows: HDF5 frame i is video frame i and takes that frame's presentation time. A full decode gives every
   * frame's time; frames past the video's end have none and get no row (a frame-count mismatch is a warning, never a
   * shift). In key-frame triage mode only key frames are decoded, so times come from the container's declared frame
   * rate and start (an EgoDex video is constant-rate), and there is no join.
   */
  private Poses poses(ClipLocation clip, EgodexRecording r, VideoAnalysis video, List<IngestError> warnings) {
    boolean full = !video.summary().keyframesOnly();
    Map<Integer, Long> framePts = full ? PoseJoin.ptsByIndex(video.frames()) : null;
    StreamFacts declared = video.summary().declared();
    Double fps = declared.declaredFps() != null ? declared.declaredFps() : declared.baseFps();
    long start = declared.streamStartUs() == null ? 0 : declared.streamStartUs();
    int videoFrames = full
        ? video.frames().size()
        : declared.declaredFrameCount() == null ? -1 : Math.toIntExact(declared.declaredFrameCount());
    if (videoFrames >= 0 && videoFrames != r.frames()) {
      warnings.add(HumanIngestErrors.egodexFrameCountMismatch(clip, r.frames(), videoFrames));
    }
    if (!full && (fps == null || !(fps > 0))) {
      warnings.add(HumanIngestErrors.egodexTimesUnknown(clip, r.frames()));
    }
    List<PoseLine> lines = new ArrayList<>(r.frames());
    for (int i = 0; i < r.frames(); i++) {
      Long pts;
      if (full) {
        pts = framePts.get(i);
      } else {
        pts = fps == null || !(fps > 0) || (videoFrames >= 0 && i >= videoFrames)
            ? null
            : start + Math.round(i * 1e6 / fps);
      }
      if (pts == null) {
        continue;
      }
      List<HandObservation> hands = new ArrayList<>(2);
      for (String side : EgodexJoints.SIDES) {
        if (!r.valid().get(side)[i]) {
          continue;
        }
        double[] keypoints = Arrays.copyOfRange(r.keypoints().get(side), i * 63, i * 63 + 63);
        double[] conf = r.confidences().get(side);
        hands.add(new HandObservation(side, keypoints, conf == null
            ? null
            : Arrays.copyOfRange(conf, i * 21, i * 21 + 21)));
      }
      lines.add(new PoseLine(i + 1, i, pts, List.copyOf(hands), null));
    }
    PoseTrack track = new PoseTrack(List.copyOf(lines), r.frames(), List.of(), 0);
    if (!full) {
      return new Poses(track, null);
    }
    int matched = lines.size();
    PoseJoin join = new PoseJoin(framePts.size() - matched, r.frames() - matched, matched == 0 ? null : 0L);
    return new Poses(track, join);
  }
}
