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

  public static final Set<String> REJECTING = Set.of(CLIP_UNREADABLE, CLIP_INVALID, CLIP_JSON_TOO_LARGE,
      VIDEO_MISSING, VIDEO_UNREADABLE, CLIP_INGEST_FAILED);

  private HumanIngestErrors() {}

  static IngestError error(ClipLocation clip, String file, String kind, String message) {
    return new IngestError(clip.file(file), null, clip.clipId(), file, kind, message);
  }

  /** A dataset or clip folder that is a symbolic link: skipped, never followed (it is not a clip). */
  static List<IngestError> symlinksSkipped(List<LandingZone.Link> links) {
    return links.stream().map(l -> new IngestError(l.path(), null, l.name(), null, SYMLINK_SKIPPED,
        (l.name() == null ? "dataset folder " : "clip folder ") + "is a symbolic link: links are not followed in the "
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
    return error(clip, ClipLocation.VIDEO, VIDEO_MISSING,
        "video.mp4 not found in the clip folder: upload the clip's video (the clip is not ingested)");
  }

  static IngestError videoUnreadable(ClipLocation clip, String reason) {
    return error(clip, ClipLocation.VIDEO, VIDEO_UNREADABLE, "video.mp4 cannot be decoded: " + reason
        + ". Re-export or re-upload the video (the clip is not ingested)");
  }

  static IngestError videoTruncated(ClipLocation clip, VideoSummary s) {
    return error(clip, ClipLocation.VIDEO, VIDEO_TRUNCATED, String.format(Locale.ROOT,
        "video.mp4 ends early: decoded %d%s frames covering %.2f s of its declared %.2f s (the upload or recording was"
            + " cut off). The decoded part is kept with truncated=true; re-upload the complete file",
        s.timing().frameCount(), ofDeclared(s), micros(s.timing().decodedSpanUs()), micros(s.durationUs())));
  }

  static IngestError videoCorrupt(ClipLocation clip, VideoSummary s) {
    String first = s.decodeErrorMessages().isEmpty() ? "" : " (first: " + s.decodeErrorMessages().get(0) + ")";
    return error(clip, ClipLocation.VIDEO, VIDEO_CORRUPT, String.format(Locale.ROOT,
        "video.mp4 has a damaged bitstream: FFmpeg logged %d decode errors%s; decoded %d%s frames. The clip is kept"
            + " with corrupt=true (frames near the damage may show artefacts or be lost); re-export it from the source",
        s.decodeErrors(), first, s.timing().frameCount(), ofDeclared(s)));
  }

  static IngestError videoIncomplete(ClipLocation clip, VideoSummary s) {
    return error(clip, ClipLocation.VIDEO, VIDEO_INCOMPLETE, String.format(Locale.ROOT,
        "video.mp4 decoded %d%s frames without any FFmpeg error: the container lists frames the decoder never"
            + " returned. The clip is kept (missing_frames=%d); check the file with ffprobe -count_frames",
        s.timing().frameCount(), ofDeclared(s), s.integrity().missingFrames()));
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
    return error(clip, ClipLocation.VIDEO, FACE_BLUR_FAILED, "no de-identified copy was written: " + reason
        + ". The clip is ingested, but it has no row in bronze.human_deidentified: do not share its video until a"
        + " rerun of the date writes the copy");
  }

  static IngestError ingestFailed(ClipLocation clip, RuntimeException e) {
    return error(clip, ClipLocation.CLIP_JSON, CLIP_INGEST_FAILED, "ingesting the clip failed unexpectedly ("
        + e.getClass().getSimpleName() + ": " + e.getMessage() + "); the clip is not ingested. Report this with the"
        + " clip folder: it is a bug or an unforeseen input");
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
