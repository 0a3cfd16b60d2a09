package ai.curate.jobs.human;

import ai.curate.jobs.landing.LandingZone;
import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.video.VideoSummary;
import ai.curate.retargeting.pose.PoseLineError;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The ledger entries of {@code ingest-human}, built in one place: stable error kinds and messages that say what is wrong,
 * where, and what to do. Kinds in {@link #REJECTING} keep the clip out of bronze (it is in the ledger only); the others
 * are warnings about a clip that is in bronze, flagged. One exception: {@link #SYMLINK_SKIPPED} for a clip's
 * {@code clip.json} or {@code video.mp4} rejects the clip (it has no readable file of that name), for its
 * {@code pose.jsonl} it is a warning (the clip is ingested without pose rows).
 */
public final class HumanIngestErrors {
  public static final String CLIP_UNREADABLE = "clip_unreadable";
  public static final String CLIP_INVALID = "clip_invalid";
  public static final String CLIP_JSON_TOO_LARGE = "clip_json_too_large";
  public static final String VIDEO_MISSING = "video_missing";
  public static final String VIDEO_UNREADABLE = "video_unreadable";
  public static final String CLIP_INGEST_FAILED = "clip_ingest_failed";
  public static final String VIDEO_TRUNCATED = "video_truncated";
  public static final String VIDEO_CORRUPT = "video_corrupt";
  public static final String VIDEO_INCOMPLETE = "video_incomplete";
  public static final String POSE_MISSING = "pose_missing";
  public static final String POSE_EMPTY = "pose_empty";
  public static final String POSE_FILE_TOO_LARGE = "pose_file_too_large";
  public static final String POSE_LINE_MALFORMED = "pose_line_malformed";
  public static final String POSE_LINE_TOO_LONG = "pose_line_too_long";
  public static final String FACE_BLUR_FAILED = "face_blur_failed";
  public static final String SYMLINK_SKIPPED = "symlink_skipped";
  public static final String EGODEX_HDF5_MISSING = "egodex_hdf5_missing";
  public static final String EGODEX_UNREADABLE = "egodex_unreadable";
  public static final String EGODEX_INVALID = "egodex_invalid";
  public static final String EGODEX_TOO_LARGE = "egodex_too_large";
  public static final String EGODEX_VALUES_INVALID = "egodex_values_invalid";
  public static final String EGODEX_FRAME_COUNT_MISMATCH = "egodex_frame_count_mismatch";
  public static final String EGODEX_TIMES_UNKNOWN = "egodex_times_unknown";

  public static final Set<String> REJECTING = Set.of(CLIP_UNREADABLE, CLIP_INVALID, CLIP_JSON_TOO_LARGE,
      VIDEO_MISSING, VIDEO_UNREADABLE, CLIP_INGEST_FAILED, EGODEX_HDF5_MISSING, EGODEX_UNREADABLE, EGODEX_INVALID,
      EGODEX_TOO_LARGE);

  private HumanIngestErrors() {}

  static IngestError error(ClipLocation clip, String file, String kind, String message) {
    return new IngestError(clip.file(file), null, clip.clipId(), file, kind, message);
  }

  /** A dataset or clip folder that is a symbolic link: skipped, never followed (it is not a clip). */
  static List<IngestError> symlinksSkipped(List<LandingZone.Link> links) {
    return symlinksSkipped(links, "dataset folder ");
  }

  /** As {@link #symlinksSkipped(List)}, a linked group folder named {@code group} ("dataset folder ", "task folder "). */
  static List<IngestError> symlinksSkipped(List<LandingZone.Link> links, String group) {
    return links.stream().map(l -> new IngestError(l.path(), null, l.name(), null, SYMLINK_SKIPPED,
        (l.name() == null ? group : "clip folder ") + "is a symbolic link: links are not followed in the "
            + "landing zone (they can point outside it); it is skipped, upload the folder itself"))
        .toList();
  }

  /** A file of the clip folder that is a symbolic link: not opened (it can point outside the landing zone). */
  static IngestError fileIsSymlink(ClipLocation clip, String file) {
    String effect = switch (file) {
      case ClipLocation.POSE -> "the clip is ingested without pose rows";
      default -> "the clip is not ingested";
    };
    return error(clip, file, SYMLINK_SKIPPED, file + " is a symbolic link: links are not followed in the landing zone"
        + " (they can point outside it); it was not read and " + effect + ". Upload the file itself");
  }

  static IngestError clipJsonTooLarge(ClipLocation clip, long size, long maxBytes) {
    return error(clip, ClipLocation.CLIP_JSON, CLIP_JSON_TOO_LARGE, "clip.json is " + sizeOver(size, maxBytes)
        + ", more than the limit of " + maxBytes + " bytes (human_ingest.max_clip_json_bytes): it was not read and"
        + " the clip is not ingested; a clip.json is a few hundred bytes, check what wrote it");
  }

  static IngestError clipJsonMissing(ClipLocation clip) {
    return error(clip, ClipLocation.CLIP_JSON, CLIP_UNREADABLE,
        "clip.json not found: every clip folder needs one (format: docs/raw-formats.md); add it or remove the folder");
  }

  static IngestError clipJson(ClipLocation clip, ClipFormatException e) {
    return error(clip, ClipLocation.CLIP_JSON, e.errorKind(), e.getMessage());
  }

  static IngestError identityMismatch(ClipLocation clip, String field, String inJson, String inPath) {
    return error(clip, ClipLocation.CLIP_JSON, CLIP_INVALID, "clip.json says " + field + " \"" + inJson
        + "\" but the folder says \"" + inPath + "\" (<raw>/human/date=D/<dataset>/<clip_id>/): make them agree");
  }

  static IngestError identifierInvalid(ClipLocation clip, String field, String value) {
    return error(clip, ClipLocation.CLIP_JSON, CLIP_INVALID, field + " " + ai.curate.jobs.ledger.Excerpt.quoted(value)
        + " is not an id: ids match " + ai.curate.jobs.fleet.Identifiers.ID.pattern() + " (docs/raw-formats.md);"
        + " rename the folder and clip.json's " + field + " to one");
  }

  static IngestError videoMissing(ClipLocation clip) {
    return error(clip, clip.videoName(), VIDEO_MISSING,
        clip.videoName() + " not found " + (clip.layout() == ClipLocation.Layout.EGODEX
            ? "beside " + clip.poseName()
            : "in the clip folder") + ": upload the clip's video (the clip is not ingested)");
  }

  static IngestError videoUnreadable(ClipLocation clip, String reason) {
    return error(clip, clip.videoName(), VIDEO_UNREADABLE, clip.videoName() + " cannot be decoded: " + reason
        + ". Re-export or re-upload the video (the clip is not ingested)");
  }

  static IngestError videoTruncated(ClipLocation clip, VideoSummary s) {
    return error(clip, clip.videoName(), VIDEO_TRUNCATED, String.format(Locale.ROOT,
        "%s ends early: decoded %d%s frames covering %.2f s of its declared %.2f s (the upload or recording was"
            + " cut off). The decoded part is kept with truncated=true; re-upload the complete file",
        clip.videoName(), s.timing().frameCount(), ofDeclared(s), micros(s.timing().decodedSpanUs()),
        micros(s.durationUs())));
  }

  static IngestError videoCorrupt(ClipLocation clip, VideoSummary s) {
    String first = s.decodeErrorMessages().isEmpty() ? "" : " (first: " + s.decodeErrorMessages().get(0) + ")";
    return error(clip, clip.videoName(), VIDEO_CORRUPT, String.format(Locale.ROOT,
        "%s has a damaged bitstream: FFmpeg logged %d decode errors%s; decoded %d%s frames. The clip is kept"
            + " with corrupt=true (frames near the damage may show artefacts or be lost); re-export it from the source",
        clip.videoName(), s.decodeErrors(), first, s.timing().frameCount(), ofDeclared(s)));
  }

  static IngestError videoIncomplete(ClipLocation clip, VideoSummary s) {
    return error(clip, clip.videoName(), VIDEO_INCOMPLETE, String.format(Locale.ROOT,
        "%s decoded %d%s frames without any FFmpeg error: the container lists frames the decoder never"
            + " returned. The clip is kept (missing_frames=%d); check the file with ffprobe -count_frames",
        clip.videoName(), s.timing().frameCount(), ofDeclared(s), s.integrity().missingFrames()));
  }

  static IngestError poseMissing(ClipLocation clip) {
    return error(clip, ClipLocation.POSE, POSE_MISSING,
        "pose.jsonl not found: the clip is ingested without pose rows, so it cannot be retargeted; upload its pose track");
  }

  static IngestError poseEmpty(ClipLocation clip) {
    return error(clip, ClipLocation.POSE, POSE_EMPTY, "pose.jsonl has no lines: the clip is ingested without pose"
        + " rows, so it cannot be retargeted; check the pose estimator's output and upload the track again");
  }

  static IngestError poseFileTooLarge(ClipLocation clip, long size, long maxBytes) {
    return error(clip, ClipLocation.POSE, POSE_FILE_TOO_LARGE, "pose.jsonl is " + sizeOver(size, maxBytes)
        + ", more than the limit of " + maxBytes + " bytes (human_ingest.max_pose_file_bytes): it was not read, the"
        + " clip is ingested without pose rows; split the clip or raise the limit");
  }

  static IngestError poseLine(ClipLocation clip, PoseLineError line) {
    if (line.tooLong()) {
      return error(clip, ClipLocation.POSE, POSE_LINE_TOO_LONG, "line " + line.lineNumber() + " skipped: "
          + line.reason() + "; the limit is human_ingest.max_pose_line_bytes");
    }
    return error(clip, ClipLocation.POSE, POSE_LINE_MALFORMED,
        "line " + line.lineNumber() + " skipped: " + line.reason());
  }

  static IngestError morePoseLines(ClipLocation clip, int notListed, int total) {
    return error(clip, ClipLocation.POSE, POSE_LINE_MALFORMED, notListed + " more malformed lines skipped (" + total
        + " in all; only the first are listed one by one): check the pose estimator's output");
  }

  static IngestError faceBlurFailed(ClipLocation clip, String reason) {
    return error(clip, clip.videoName(), FACE_BLUR_FAILED, "no de-identified copy was written: " + reason
        + ". The clip is ingested, but it has no row in bronze.human_deidentified: do not share its video until a"
        + " rerun of the date writes the copy");
  }

  static IngestError ingestFailed(ClipLocation clip, RuntimeException e) {
    return error(clip, clip.metadataName(), CLIP_INGEST_FAILED, "ingesting the clip failed unexpectedly ("
        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the clip is not ingested. Report this with the"
        + " clip folder: it is a bug or an unforeseen input");
  }

  // ---------------------------------------------------------------- EgoDex recordings (<task>/<n>.hdf5 + <n>.mp4)

  static IngestError egodexHdf5Missing(ClipLocation clip) {
    return error(clip, clip.poseName(), EGODEX_HDF5_MISSING, clip.poseName() + " not found beside "
        + clip.videoName() + ": an EgoDex recording is the pair of both files; upload the pose file (the recording is"
        + " not ingested)");
  }

  static IngestError egodexUnreadable(ClipLocation clip, String reason) {
    return error(clip, clip.poseName(), EGODEX_UNREADABLE, clip.poseName() + " cannot be read: " + reason
        + ". Re-upload the file; the recording is not ingested");
  }

  static IngestError egodexInvalid(ClipLocation clip, String reason) {
    return error(clip, clip.poseName(), EGODEX_INVALID, clip.poseName() + " is not an EgoDex recording this"
        + " project can use: " + reason + " (layout: docs/raw-formats.md, \"EgoDex recording\"); the recording is"
        + " not ingested");
  }

  static IngestError egodexIdInvalid(ClipLocation clip, String what, String value) {
    return egodexInvalid(clip, what + " " + ai.curate.jobs.ledger.Excerpt.quoted(value) + " is not an id (ids match "
        + ai.curate.jobs.fleet.Identifiers.ID.pattern() + "; the clip id is <task>-<n>): rename it");
  }

  static IngestError egodexTooLarge(ClipLocation clip, long size, long maxBytes) {
    return error(clip, clip.poseName(), EGODEX_TOO_LARGE, clip.poseName() + " is " + sizeOver(size, maxBytes)
        + ", more than the limit of " + maxBytes + " bytes (human_ingest.max_pose_file_bytes): it was not read and the"
        + " recording is not ingested; split the recording or raise the limit");
  }

  static IngestError egodexTooManyFrames(ClipLocation clip, String reason, long maxBytes) {
    return error(clip, clip.poseName(), EGODEX_TOO_LARGE, clip.poseName() + ": " + reason + " (human_ingest"
        + ".max_pose_file_bytes / " + EgodexIngest.BYTES_PER_FRAME + " = " + EgodexIngest.maxFrames(maxBytes)
        + "; a recording's pose is held in memory): it was not read and the recording is not ingested; split the"
        + " recording or raise the limit");
  }

  static IngestError egodexValuesInvalid(ClipLocation clip, long hands, String first) {
    return error(clip, clip.poseName(), EGODEX_VALUES_INVALID, hands + " hand poses have non-finite values (first: "
        + first + "): those hands are left out of their frames' pose rows, the rest of the recording is ingested");
  }

  static IngestError egodexTimesUnknown(ClipLocation clip, int frames) {
    return error(clip, clip.poseName(), EGODEX_TIMES_UNKNOWN, "key-frame triage decodes only key frames and "
        + clip.videoName() + " declares no frame rate, so the " + frames + " pose frames have no time and no pose"
        + " rows; ingest the date with human_ingest.keyframes_only=false to time every frame");
  }

  static IngestError egodexFrameCountMismatch(ClipLocation clip, int poseFrames, int videoFrames) {
    String effect = poseFrames > videoFrames
        ? "the " + (poseFrames - videoFrames) + " pose frames past the video's end have no video time and no pose rows"
        : "the last " + (videoFrames - poseFrames) + " video frames have no pose";
    return error(clip, clip.poseName(), EGODEX_FRAME_COUNT_MISMATCH, clip.poseName() + " has " + poseFrames
        + " frames but " + clip.videoName() + " decoded " + videoFrames + ": EgoDex pairs them frame for frame, so "
        + effect + " (matched by frame index from the start, nothing shifted or guessed); check that the two files"
        + " belong together");
  }

  /** A file's size for a message: the listed size, unless the file grew past the limit after it was listed. */
  private static String sizeOver(long listed, long maxBytes) {
    return listed > maxBytes ? listed + " bytes" : "over " + maxBytes + " bytes (it grew after it was listed)";
  }

  private static String ofDeclared(VideoSummary s) {
    return s.declared().declaredFrameCount() == null ? "" : " of " + s.declared().declaredFrameCount() + " declared";
  }

  private static double micros(Long us) {
    return us == null ? Double.NaN : us / 1e6;
  }
}
