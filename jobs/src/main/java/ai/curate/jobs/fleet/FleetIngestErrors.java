package ai.curate.jobs.fleet;

import ai.curate.jobs.ledger.Excerpt;
import ai.curate.jobs.ledger.IngestError;
import java.util.List;
import java.util.Set;

/**
 * The ledger entries of {@code ingest-fleet}, built in one place: stable kinds, and messages that say what is wrong,
 * where, and what to do. Kinds in {@link #SESSION_FATAL} keep the whole session out of bronze; the others drop one
 * stream, camera or line and the rest of the session is ingested (the session is then {@code partial}).
 */
public final class FleetIngestErrors {
  public static final String MANIFEST_MISSING = "manifest_missing";
  public static final String MANIFEST_UNREADABLE = "manifest_unreadable";
  public static final String MANIFEST_INVALID = "manifest_invalid";
  public static final String MANIFEST_TOO_LARGE = "manifest_too_large";
  public static final String MANIFEST_ENTRY_INVALID = "manifest_entry_invalid";
  public static final String MANIFEST_FOLDER_MISMATCH = "manifest_folder_mismatch";
  public static final String DUPLICATE_SESSION_ID = "duplicate_session_id";
  public static final String IDENTIFIER_INVALID = "identifier_invalid";
  public static final String SESSION_TIME_INVALID = "session_time_invalid";
  public static final String NAME_INVALID = "name_invalid";
  public static final String CLOCK_OFFSET_INVALID = "clock_offset_invalid";
  public static final String STREAM_SIDE_UNKNOWN = "stream_side_unknown";
  public static final String SYMLINK_SKIPPED = "symlink_skipped";
  public static final String BUNDLE_UNREADABLE = "bundle_unreadable";
  public static final String STREAM_MISSING = "stream_missing";
  public static final String ARROW_TRUNCATED = "arrow_truncated";
  public static final String ARROW_CORRUPT = "arrow_corrupt";
  public static final String SCHEMA_MISMATCH = "schema_mismatch";
  public static final String FRAMES_MISSING = "frames_missing";
  public static final String VIDEO_MISSING = "video_missing";
  public static final String VIDEO_UNREADABLE = "video_unreadable";
  public static final String EVENTS_MISSING = "events_missing";
  public static final String EVENTS_TOO_LARGE = "events_too_large";
  public static final String EVENT_LINE_TOO_LONG = "event_line_too_long";
  public static final String EVENT_MALFORMED = "event_malformed";
  public static final String EVENT_INVALID = "event_invalid";
  public static final String EVENT_TIME_INVALID = "event_time_invalid";
  public static final String EPISODE_TIME_INVALID = "episode_time_invalid";
  public static final String STRAY_EPISODE_EVENT = "stray_episode_event";
  public static final String ARROW_OUT_OF_MEMORY = "arrow_out_of_memory";
  public static final String SAMPLE_TIME_INVALID = "sample_time_invalid";

  public static final Set<String> SESSION_FATAL = Set.of(MANIFEST_MISSING, MANIFEST_UNREADABLE, MANIFEST_INVALID,
      MANIFEST_TOO_LARGE, BUNDLE_UNREADABLE, MANIFEST_FOLDER_MISMATCH,
      DUPLICATE_SESSION_ID, IDENTIFIER_INVALID, SESSION_TIME_INVALID);

  private FleetIngestErrors() {}

  static IngestError of(BundleLocation b, String sessionId, String file, String stream, String kind, String message) {
    return new IngestError(file == null ? b.dir() : b.file(file), sessionId, null, stream, kind, message);
  }

  static IngestError manifestMissing(BundleLocation b) {
    return of(b, b.sessionId(), BundleLocation.MANIFEST, null, MANIFEST_MISSING,
        "manifest.json not found in the bundle folder: every session bundle needs one (docs/raw-formats.md); "
            + "re-upload the bundle (the session is not ingested)");
  }

  /** manifest.json holds more than the limit: not read at all, the session is not ingested. */
  static IngestError manifestTooLarge(BundleLocation b, long size, long maxBytes) {
    return of(b, b.sessionId(), BundleLocation.MANIFEST, null, MANIFEST_TOO_LARGE, "manifest.json is "
        + sizeOver(size, maxBytes) + ", more than the limit of " + maxBytes
        + " bytes (fleet_ingest.max_small_file_mb): it was not read and"
        + " the session is not ingested; a manifest is a few kilobytes, check what wrote it");
  }

  static IngestError manifest(BundleLocation b, ManifestException e) {
    return of(b, b.sessionId(), BundleLocation.MANIFEST, null, e.errorKind(),
        e.getMessage() + " (the session is not ingested)");
  }

  static IngestError entry(BundleLocation b, String sessionId, ManifestParser.EntryProblem p) {
    return of(b, sessionId, BundleLocation.MANIFEST, p.entry(), p.kind(), p.message()
        + (p.dropped() ? "; that entry is skipped, the rest of the session is ingested" : ""));
  }

  /** The manifest names another robot or session than its folder: the session is not ingested under either. */
  static IngestError folderMismatch(BundleLocation b, String field, String inManifest, String inPath) {
    return of(b, b.sessionId(), BundleLocation.MANIFEST, null, MANIFEST_FOLDER_MISMATCH, "manifest.json says "
        + field + " " + Excerpt.quoted(inManifest) + " but the folder says " + Excerpt.quoted(inPath)
        + " (<raw>/fleet/date=D/<robot_id>/<session_id>/): make them agree and re-upload (the session is not ingested)");
  }

  /**
   * One copy of a session id that several bundle folders of the date use; every copy gets one, none is ingested.
   *
   * @param folders every folder with this session id, as {@code <robot_id>/<session_id>}
   */
  static IngestError duplicateSession(BundleLocation b, List<String> folders) {
    return of(b, b.sessionId(), null, null, DUPLICATE_SESSION_ID, "session id " + Excerpt.quoted(b.sessionId())
        + " is used by " + folders.size() + " bundle folders of this date (" + String.join(", ", folders)
        + "): a session is one recording of one robot, so all copies are left out (none is ingested); remove the "
        + "wrong copy and rerun the date");
  }

  /** A symbolic link in a bundle (or a bundle folder that is one): skipped, its target is never read. */
  static IngestError symlinkSkipped(BundleLocation b, String relative) {
    return of(b, b.sessionId(), relative, null, SYMLINK_SKIPPED, (relative == null
        ? "the bundle folder"
        : Excerpt.of(relative)) + " is a symbolic link: links are not followed in the landing zone (they can point "
        + "outside it or into another bundle); it is skipped, upload the file itself");
  }

  static IngestError bundleUnreadable(BundleLocation b, Throwable e) {
    return of(b, b.sessionId(), null, null, BUNDLE_UNREADABLE, "the bundle folder could not be read ("
        + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()) + "); check permissions and retry");
  }

  static IngestError streamMissing(BundleLocation b, String sessionId, Manifest.Stream s) {
    return of(b, sessionId, s.file(), s.name(), STREAM_MISSING, "stream \"" + s.name() + "\" (" + s.kind().id
        + ") is listed in manifest.json but " + s.file()
        + " is not in the bundle; re-upload it (the stream is skipped)");
  }

  static IngestError streamFile(BundleLocation b, String sessionId, String file, String stream, StreamFileException e) {
    return of(b, sessionId, file, stream, e.errorKind(), file + ": " + e.getMessage());
  }

  static IngestError framesMissing(BundleLocation b, String sessionId, Manifest.Camera c) {
    return of(b, sessionId, c.framesFile(), c.name(), FRAMES_MISSING, "camera \"" + c.name()
        + "\": frame-index file " + c.framesFile() + " is listed in manifest.json but not in the bundle; without it "
        + "frames have no capture times (the camera's frames are skipped)");
  }

  static IngestError videoMissing(BundleLocation b, String sessionId, Manifest.Camera c) {
    return of(b, sessionId, c.file(), c.name(), VIDEO_MISSING, "camera \"" + c.name() + "\": video " + c.file()
        + " is listed in manifest.json but not in the bundle; re-upload it");
  }

  static IngestError videoUnreadable(BundleLocation b, String sessionId, Manifest.Camera c, String reason) {
    return of(b, sessionId, c.file(), c.name(), VIDEO_UNREADABLE, "camera \"" + c.name() + "\": " + c.file()
        + " cannot be opened as a video (" + reason + "); the recording is probably cut off or damaged: re-upload it");
  }

  static IngestError eventsMissing(BundleLocation b, String sessionId) {
    return of(b, sessionId, BundleLocation.EVENTS, null, EVENTS_MISSING,
        "events.jsonl not found: the session's episodes are unknown; upload it (streams are ingested anyway)");
  }

  /** events.jsonl holds more than the limit: not read; the streams are ingested, the session has no episodes. */
  static IngestError eventsTooLarge(BundleLocation b, String sessionId, long size, long maxBytes) {
    return of(b, sessionId, BundleLocation.EVENTS, null, EVENTS_TOO_LARGE, "events.jsonl is "
        + sizeOver(size, maxBytes) + ", more than the limit of " + maxBytes
        + " bytes (fleet_ingest.max_small_file_mb): it was not read,"
        + " so the session has no episodes (its streams are ingested); split the session or raise the limit");
  }

  static IngestError eventLine(BundleLocation b, String sessionId, EventsParser.Problem p) {
    return of(b, sessionId, BundleLocation.EVENTS, null, p.kind(),
        "events.jsonl line " + p.line() + ": " + p.why() + (p.skipped() ? "; the line is skipped" : ""));
  }

  static IngestError probeFailed(BundleLocation b, String sessionId, Manifest.Camera c, Throwable e) {
    return videoUnreadable(b, sessionId, c, "probing it failed with " + e.getClass().getSimpleName() + ": "
        + oneLine(e.getMessage()));
  }

  static IngestError sliceFailed(StreamSlice s, int block, Throwable e) {
    String kind = e instanceof StreamFileException sfe
        ? sfe.errorKind()
        : e instanceof org.apache.arrow.memory.OutOfMemoryException ? ARROW_OUT_OF_MEMORY : ARROW_CORRUPT;
    String what = kind.equals(ARROW_OUT_OF_MEMORY)
        ? "its record batches need more memory than a read task may use, write smaller ones (about one second of "
            + "data each)"
        : "the file is damaged, re-upload it";
    return new IngestError(s.file(), s.sessionId(), null, s.stream(), kind, s.relativeFile() + ": record batch "
        + block + " cannot be read (" + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage())
        + "); the batches of this slice before it were ingested, batches " + block + ".." + (s.endBlock() - 1)
        + " were skipped: " + what);
  }

  /**
   * Rows of one slice whose timestamp lies outside {@link TimeBounds}: left out of bronze, counted here so that the
   * file's rows are the bronze rows plus these. The first one is named by batch, row and value.
   */
  static IngestError sampleTimeInvalid(StreamSlice s, long rows, int firstBatch, int firstRow, long firstTs) {
    String what = s.kind() == StreamKind.CAMERA_FRAMES ? "frame" : "sample";
    return new IngestError(s.file(), s.sessionId(), null, s.stream(), SAMPLE_TIME_INVALID, s.relativeFile() + ": "
        + rows + (rows == 1 ? " row" : " rows") + " of record batches " + s.firstBlock() + ".." + (s.endBlock() - 1)
        + " not ingested: " + s.kind().tsColumn + " outside " + TimeBounds.timestampRange() + " (first: batch "
        + firstBatch + " row " + firstRow + ", " + s.kind().tsColumn + " = " + firstTs + "); a " + what
        + " time that far off is an unset device clock or a damaged file, not a time; the other rows are ingested."
        + " Fix the logger's clock and re-upload to keep them");
  }

  /** A file's size for a message: the listed size, unless the file grew past the limit after it was listed. */
  private static String sizeOver(long listed, long maxBytes) {
    return listed > maxBytes ? listed + " bytes" : "over " + maxBytes + " bytes (it grew after it was listed)";
  }

  /** The first line of an exception message, as a short escaped excerpt (it may quote file content). */
  public static String oneLine(String s) {
    if (s == null) {
      return "no detail";
    }
    String t = s.strip();
    int nl = t.indexOf('\n');
    return Excerpt.of(nl < 0 ? t : t.substring(0, nl));
  }
}
