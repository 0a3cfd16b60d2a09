package ai.curate.jobs.fleet;

import ai.curate.jobs.ledger.Excerpt;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code manifest.json}. Problems that make the whole manifest unusable (not JSON, not a fleet bundle, an
 * unsupported version, no session or robot id) throw {@link ManifestException}; a bad stream or camera entry only
 * drops that entry and is reported, so the rest of the session is still ingested.
 *
 * <p>Ids and names are checked against {@link Identifiers}, times against {@link TimeBounds}. Values quoted in
 * messages go through {@link Excerpt}: a manifest's content is never copied into the ledger beyond a short excerpt.
 */
final class ManifestParser {
  static final String FORMAT = "neo-fleet-bundle";
  static final int SUPPORTED_VERSION = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A usable manifest plus the entries that were dropped or need a warning. */
  record Parsed(Manifest manifest, List<EntryProblem> problems) {}

  /**
   * @param entry the stream or camera name as an excerpt (or its position when it has no name)
   * @param dropped whether the entry was left out of the manifest (else it is kept and only reported)
   */
  record EntryProblem(String kind, String entry, String message, boolean dropped) {
    static EntryProblem dropped(String kind, String entry, String message) {
      return new EntryProblem(kind, entry, message, true);
    }
  }

  private ManifestParser() {}

  static Parsed parse(byte[] bytes) throws ManifestException {
    String text = new String(bytes, StandardCharsets.UTF_8);
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ManifestException(FleetIngestErrors.MANIFEST_UNREADABLE,
          "manifest.json is not valid JSON (" + jacksonReason(e) + "): re-upload the bundle's manifest");
    }
    if (root == null || !root.isObject()) {
      throw new ManifestException(FleetIngestErrors.MANIFEST_UNREADABLE,
          "manifest.json must hold one JSON object, found " + (root == null ? "nothing" : root.getNodeType()));
    }
    String format = text(root, "format");
    if (!FORMAT.equals(format)) {
      throw invalid("\"format\" is " + quote(format) + ", expected \"" + FORMAT + "\" (is this a fleet bundle?)");
    }
    JsonNode version = root.get("format_version");
    if (version == null || !version.canConvertToInt() || !version.isIntegralNumber()) {
      throw invalid("\"format_version\" is missing or not an integer");
    }
    if (version.asInt() != SUPPORTED_VERSION) {
      throw invalid("format_version " + version.asInt() + " is not supported (this reader supports "
          + SUPPORTED_VERSION + "); upgrade curate or convert the bundle");
    }
    String robotId = id(root, "robot_id");
    String sessionId = id(root, "session_id");
    String robotModel = required(root, "robot_model");
    long start = requiredLong(root, "start_ts_ns");
    long end = requiredLong(root, "end_ts_ns");
    for (long t : new long[] {start, end}) {
      if (!TimeBounds.isTimestamp(t)) {
        throw new ManifestException(FleetIngestErrors.SESSION_TIME_INVALID, "manifest.json: start_ts_ns " + start
            + " or end_ts_ns " + end + " is outside " + TimeBounds.timestampRange() + "; fix the robot clock");
      }
    }
    if (start > end) {
      throw new ManifestException(FleetIngestErrors.SESSION_TIME_INVALID, "manifest.json: start_ts_ns " + start
          + " is after end_ts_ns " + end + "; the session has no valid time range");
    }
    JsonNode streams = root.get("streams");
    if (streams == null || !streams.isArray()) {
      throw invalid("\"streams\" is missing or not an array");
    }
    List<EntryProblem> problems = new ArrayList<>();
    List<Manifest.Stream> parsedStreams = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int index = 0;
    for (JsonNode s : streams) {
      String label = "streams[" + index++ + "]";
      try {
        Manifest.Stream stream = stream(s, label);
        if (!names.add(stream.name())) {
          problems.add(EntryProblem.dropped(FleetIngestErrors.MANIFEST_ENTRY_INVALID, stream.name(), "manifest.json: "
              + label + ": stream name \"" + stream.name() + "\" appears twice; only the first entry is ingested"));
          continue;
        }
        if (!stream.hasSide()) {
          problems.add(new EntryProblem(FleetIngestErrors.STREAM_SIDE_UNKNOWN, stream.name(), "manifest.json: "
              + label + ": " + stream.kind().id + " stream \"" + stream.name()
              + "\" names no hand (neither \"left\" nor \"right\" in "
              + "its name): it is in bronze, but aligned episodes cannot place it; rename it, e.g. "
              + stream.kind().id + "_left", false));
        }
        parsedStreams.add(stream);
      } catch (ManifestException e) {
        problems.add(EntryProblem.dropped(e.errorKind(), entryName(s, label), e.getMessage()));
      }
    }
    List<Manifest.Camera> cameras = new ArrayList<>();
    JsonNode cams = root.get("cameras");
    if (cams != null && !cams.isNull()) {
      if (!cams.isArray()) {
        throw invalid("\"cameras\" is not an array");
      }
      index = 0;
      for (JsonNode c : cams) {
        String label = "cameras[" + index++ + "]";
        try {
          Manifest.Camera camera = camera(c, label);
          if (!names.add(camera.name())) {
            problems.add(EntryProblem.dropped(FleetIngestErrors.MANIFEST_ENTRY_INVALID, camera.name(),
                "manifest.json: " + label + ": name \"" + camera.name()
                    + "\" is already used by another stream or camera; only the first is "
                    + "ingested"));
            continue;
          }
          cameras.add(camera);
        } catch (ManifestException e) {
          problems.add(EntryProblem.dropped(e.errorKind(), entryName(c, label), e.getMessage()));
        }
      }
    }
    Manifest manifest = new Manifest(SUPPORTED_VERSION, robotId, robotModel, sessionId, text(root, "software_version"),
        start, end, List.copyOf(parsedStreams), List.copyOf(cameras), text);
    return new Parsed(manifest, List.copyOf(problems));
  }

  private static Manifest.Stream stream(JsonNode s, String label) throws ManifestException {
    if (!s.isObject()) {
      throw invalid(label + " is not an object");
    }
    String name = columnName(s, label, "stream");
    String kindText = required(s, "kind", label);
    StreamKind kind = StreamKind.ofManifest(kindText);
    if (kind == null) {
      throw invalid(label + " (" + name + "): unknown kind " + Excerpt.quoted(kindText) + " (known: "
          + String.join(", ", StreamKind.manifestKinds()) + ")");
    }
    String file = required(s, "file", label);
    Double rate = optionalDouble(s, "rate_hz", label);
    long offset = clockOffset(s, label);
    List<String> joints = List.of();
    Integer taxels = null;
    if (kind == StreamKind.JOINT_STATE || kind == StreamKind.JOINT_COMMAND) {
      JsonNode j = s.get("joint_names");
      if (j == null || !j.isArray() || j.isEmpty()) {
        throw invalid(label + " (" + name + "): a " + kind.id + " stream needs a non-empty \"joint_names\" array");
      }
      List<String> list = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      for (JsonNode n : j) {
        if (!n.isTextual() || n.asText().isBlank()) {
          throw invalid(label + " (" + name + "): \"joint_names\" must hold non-empty strings, found "
              + Excerpt.of(n.toString()));
        }
        if (!seen.add(n.asText())) {
          throw invalid(label + " (" + name + "): joint " + Excerpt.quoted(n.asText())
              + " is named twice in \"joint_names\"");
        }
        list.add(n.asText());
      }
      joints = List.copyOf(list);
    }
    if (kind == StreamKind.TACTILE) {
      JsonNode t = s.get("taxels");
      if (t == null || !t.isIntegralNumber() || t.asInt() <= 0) {
        throw invalid(label + " (" + name + "): a tactile stream needs \"taxels\", a positive integer");
      }
      taxels = t.asInt();
    }
    return new Manifest.Stream(name, kind, file, rate, offset, joints, text(s, "frame"), taxels);
  }

  private static Manifest.Camera camera(JsonNode c, String label) throws ManifestException {
    if (!c.isObject()) {
      throw invalid(label + " is not an object");
    }
    String name = columnName(c, label, "camera");
    return new Manifest.Camera(name, required(c, "file", label), required(c, "frames", label),
        optionalDouble(c, "fps", label), clockOffset(c, label));
  }

  /** A stream or camera name: it becomes a column name downstream, so it must match {@link Identifiers#COLUMN_NAME}. */
  private static String columnName(JsonNode node, String label, String what) throws ManifestException {
    String name = required(node, "name", label);
    if (!Identifiers.isColumnName(name)) {
      throw new ManifestException(FleetIngestErrors.NAME_INVALID, "manifest.json: " + label + ": " + what + " name "
          + Excerpt.quoted(name) + " is not a valid name (" + Identifiers.COLUMN_NAME.pattern() + ": lower-case "
          + "letters, digits and underscores, at most 64; it becomes a column name downstream); rename it, e.g. "
          + "wrist_right");
    }
    return name;
  }

  /** A robot or session id of the manifest: it must match {@link Identifiers#ID}, else the session is left out. */
  private static String id(JsonNode node, String key) throws ManifestException {
    String id = required(node, key);
    if (!Identifiers.isId(id)) {
      throw new ManifestException(FleetIngestErrors.IDENTIFIER_INVALID, "manifest.json: " + key + " "
          + Excerpt.quoted(id) + " is not a valid id (" + Identifiers.ID.pattern() + "); the session is not ingested");
    }
    return id;
  }

  /** A stream's or camera's clock offset, within {@link TimeBounds#MAX_ABS_OFFSET_NS}. */
  private static long clockOffset(JsonNode node, String label) throws ManifestException {
    long offset = optionalLong(node, "clock_offset_ns", label);
    if (!TimeBounds.isOffset(offset)) {
      throw new ManifestException(FleetIngestErrors.CLOCK_OFFSET_INVALID,
          "manifest.json: " + label + ": clock_offset_ns " + offset
              + " is not " + TimeBounds.offsetRange() + "; fix the clock calibration");
    }
    return offset;
  }

  private static String entryName(JsonNode entry, String label) {
    return entry.hasNonNull("name") ? Excerpt.of(entry.get("name").asText()) : label;
  }

  private static ManifestException invalid(String message) {
    return new ManifestException(FleetIngestErrors.MANIFEST_INVALID, "manifest.json: " + message);
  }

  private static String required(JsonNode node, String key) throws ManifestException {
    return required(node, key, "the manifest");
  }

  private static String required(JsonNode node, String key, String where) throws ManifestException {
    JsonNode v = node.get(key);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw invalid(where + " needs \"" + key + "\" (a non-empty string)" + found(v));
    }
    return v.asText();
  }

  private static long requiredLong(JsonNode node, String key) throws ManifestException {
    JsonNode v = node.get(key);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw invalid("the manifest needs \"" + key + "\" (integer nanoseconds)" + found(v));
    }
    return v.asLong();
  }

  /** Absent means 0: the stream is on the robot clock. */
  private static long optionalLong(JsonNode node, String key, String where) throws ManifestException {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return 0;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw invalid(where + ": \"" + key + "\" must be an integer" + found(v));
    }
    return v.asLong();
  }

  private static Double optionalDouble(JsonNode node, String key, String where) throws ManifestException {
    JsonNode v = node.get(key);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isNumber() || v.asDouble() <= 0) {
      throw invalid(where + ": \"" + key + "\" must be a positive number" + found(v));
    }
    return v.asDouble();
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }

  private static String quote(String s) {
    return Excerpt.quoted(s);
  }

  private static String found(JsonNode v) {
    return v == null ? "" : ", found " + Excerpt.of(v.toString());
  }

  /** Jackson's reason, which may quote the offending text, as an excerpt plus the position. */
  static String jacksonReason(JsonProcessingException e) {
    String msg = Excerpt.of(e.getOriginalMessage());
    if (e.getLocation() != null) {
      msg += " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }
    return msg.replace('\n', ' ');
  }
}
