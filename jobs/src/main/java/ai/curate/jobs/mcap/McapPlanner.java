package ai.curate.jobs.mcap;

import ai.curate.jobs.fleet.EventRecord;
import ai.curate.jobs.fleet.EventsParser;
import ai.curate.jobs.fleet.FleetIngestErrors;
import ai.curate.jobs.fleet.Identifiers;
import ai.curate.jobs.fleet.StreamKind;
import ai.curate.jobs.fleet.TimeBounds;
import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.mcap.McapPlan.CameraInfo;
import ai.curate.jobs.mcap.McapPlan.ChannelRow;
import ai.curate.jobs.mcap.McapPlan.ReadTask;
import ai.curate.jobs.mcap.McapPlan.Route;
import ai.curate.jobs.mcap.McapPlan.StreamInfo;
import ai.curate.mcap.McapFormatException;
import ai.curate.mcap.McapMessage;
import ai.curate.mcap.McapMessageIterator;
import ai.curate.mcap.McapReadOptions;
import ai.curate.mcap.McapReader;
import ai.curate.mcap.McapScanResult;
import ai.curate.mcap.McapSplit;
import ai.curate.mcap.McapSplit.ChunkSpan;
import ai.curate.mcap.McapSummary;
import ai.curate.mcap.MessageOrder;
import ai.curate.mcap.records.Channel;
import ai.curate.mcap.records.ChunkIndex;
import ai.curate.mcap.records.Metadata;
import ai.curate.mcap.records.MetadataIndex;
import ai.curate.mcap.records.Schema;
import ai.curate.mcap.ros2.ChannelDecoders;
import ai.curate.mcap.ros2.MessageDecoders;
import ai.curate.mcap.ros2.MessageDecodingException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Plans one MCAP recording in one task: lists its files ({@link RecordingFiles}), reads each file's summary (or scans
 * a file without one), finds the session record, routes the mapped channels, cuts the read tasks, and reads the few
 * messages the driver needs whole (the {@code /events} topic, each camera's first frame). Never throws for bad
 * input: whatever is wrong becomes a ledger row of the plan.
 */
final class McapPlanner implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** The version of the session record's layout this release reads (a record without the key is taken as 1). */
  static final int FORMAT_VERSION = 1;

  private final McapIngestSettings settings;

  McapPlanner(McapIngestSettings settings) {
    this.settings = settings;
  }

  /** What one file's summary (or scan) says. */
  private static final class FileFacts {
    Path path;
    long size;
    boolean indexed;
    boolean summaryDamaged;
    Map<Integer, Schema> schemas = Map.of();
    Map<Integer, Channel> channels = Map.of();
    List<Metadata> metadata = new ArrayList<>();
    Map<Integer, Long> counts;
    List<ChunkIndex> chunks = List.of();
    long logStart;
    long logEnd;
    String fingerprint;
    final Map<Integer, Route> routes = new TreeMap<>();
  }

  McapPlan plan(String recording) {
    List<IngestError> errors = new ArrayList<>();
    try {
      return plan(recording, errors);
    } catch (RuntimeException e) {
      errors.add(McapIngestErrors.of(recording, null, null, McapIngestErrors.RECORDING_UNREADABLE,
          "the recording could not be planned: " + FleetIngestErrors.oneLine(String.valueOf(e))
              + "; it is not ingested (rerun the date once the cause is fixed)"));
      return rejected(recording, errors);
    }
  }

  static McapPlan rejected(String recording, List<IngestError> errors) {
    return new McapPlan(recording, null, List.of(), List.of(), List.of(), List.of(), List.of(), List.copyOf(errors));
  }

  private McapPlan plan(String recording, List<IngestError> errors) {
    Path dir = localPath(recording);
    if (dir == null) {
      errors.add(McapIngestErrors.of(recording, null, null, McapIngestErrors.RECORDING_UNREADABLE,
          "MCAP recordings are read from a local or mounted file system (file:), not " + URI.create(recording)
              .getScheme() + ": mount the landing zone on every node, or copy the recording there"));
      return rejected(recording, errors);
    }
    RecordingFiles listed = RecordingFiles.of(dir);
    listed.problems().forEach(p -> errors.add(McapIngestErrors.of(p.file().toString(), null, null, p.kind(),
        p.message())));
    List<FileFacts> files = new ArrayList<>();
    for (Path file : listed.files()) {
      FileFacts f = facts(file, errors);
      if (f != null) {
        files.add(f);
      }
    }
    if (files.isEmpty()) {
      return rejected(recording, withSession(errors, null));
    }

    // The session record: found by the default mapping's name, as the robot (which may pick another mapping) is in it.
    Map<String, String> record = null;
    for (FileFacts f : files) {
      for (Metadata m : f.metadata) {
        if (record == null && m.name().equals(settings.mapping().sessionMetadata())) {
          record = m.metadata();
        }
      }
    }
    String firstName = files.get(0).path.getFileName().toString();
    String sessionId = record != null && record.get("session_id") != null
        ? record.get("session_id")
        : firstName.substring(0, firstName.length() - ".mcap".length());
    String robotId = record != null && record.get("robot_id") != null ? record.get("robot_id") : "unknown";
    if (record == null) {
      errors.add(McapIngestErrors.of(files.get(0).path.toString(), sessionId, null,
          McapIngestErrors.SESSION_METADATA_MISSING, "no Metadata record named '"
              + settings.mapping().sessionMetadata() + "': the session id is the file's name (" + sessionId
              + ") and the robot id is 'unknown'; write the session record to keep the recording's own ids"));
    }
    for (String[] id : List.of(new String[] {"session_id", sessionId}, new String[] {"robot_id", robotId})) {
      if (!Identifiers.isId(id[1])) {
        errors.add(McapIngestErrors.of(files.get(0).path.toString(), null, null, McapIngestErrors.IDENTIFIER_INVALID,
            id[0] + " '" + FleetIngestErrors.oneLine(id[1]) + "' is not an id (" + Identifiers.ID.pattern()
                + "): the recording is not ingested; fix the session record"));
        return rejected(recording, withSession(errors, null));
      }
    }
    Map<String, String> meta = record == null ? Map.of() : record;
    String version = meta.get("format_version");
    if (version != null && parseLongOrNull(version) != null && parseLongOrNull(version) != FORMAT_VERSION) {
      errors.add(McapIngestErrors.of(files.get(0).path.toString(), sessionId, null,
          McapIngestErrors.RECORDING_INVALID, "the session record's format_version is " + version + "; this release"
              + " reads version " + FORMAT_VERSION + " (docs/raw-formats.md, versioning): the recording is not"
              + " ingested; upgrade curate or rewrite the recording"));
      return rejected(recording, withSession(errors, sessionId));
    }
    McapMapping mapping = settings.mappingFor(robotId);

    List<ChannelRow> channelRows = new ArrayList<>();
    Map<String, StreamInfo> streams = new LinkedHashMap<>();
    Map<String, CameraInfo> cameras = new LinkedHashMap<>();
    for (FileFacts f : files) {
      route(f, mapping, meta, sessionId, channelRows, streams, cameras, errors);
    }
    List<ReadTask> tasks = tasks(files, robotId, sessionId);
    List<String> eventLines = new ArrayList<>();
    for (FileFacts f : files) {
      readSmallTopics(f, mapping, sessionId, eventLines, cameras, errors);
    }
    List<EventRecord> events = events(eventLines, files.get(0).path.toString(), sessionId, errors);

    long logStart = files.stream().mapToLong(f -> f.logStart).min().orElse(0);
    long logEnd = files.stream().mapToLong(f -> f.logEnd).max().orElse(0);
    long start = parseLong(meta.get("start_ts_ns"), logStart);
    long end = parseLong(meta.get("end_ts_ns"), logEnd);
    if (!TimeBounds.isTimestamp(start) || !TimeBounds.isTimestamp(end) || end < start) {
      errors.add(McapIngestErrors.of(files.get(0).path.toString(), sessionId, null,
          FleetIngestErrors.SESSION_TIME_INVALID, "the session span [" + start + ", " + end + "] is not a span inside "
              + TimeBounds.timestampRange() + ": the recording is not ingested; fix start_ts_ns / end_ts_ns"));
      return rejected(recording, withSession(errors, sessionId));
    }
    MessageDigest digest = sha256();
    long total = 0;
    for (FileFacts f : files) {
      digest.update(f.fingerprint.getBytes(StandardCharsets.UTF_8));
      total += f.size;
    }
    McapPlan.Session session = new McapPlan.Session(robotId, sessionId,
        meta.getOrDefault("robot_model", mapping.robotModel()), (int) parseLong(meta.get("format_version"),
            FORMAT_VERSION),
        meta.get("software_version"), start, end, json(meta, files), files.size(), total,
        HexFormat.of().formatHex(digest.digest()));
    return new McapPlan(recording, session, List.copyOf(channelRows), tasks, events, List.copyOf(streams.values()),
        List.copyOf(cameras.values()), withSession(errors, sessionId));
  }

  /** The summary (or scan) of one file; null when nothing of it can be read (the ledger says why). */
  private FileFacts facts(Path file, List<IngestError> errors) {
    FileFacts f = new FileFacts();
    f.path = file;
    McapReadOptions options = McapReadOptions.defaults();
    try {
      f.size = Files.size(file);
      try (McapReader reader = McapReader.open(file, options)) {
        f.indexed = reader.indexed();
        if (f.indexed) {
          McapSummary s = reader.summary().get();
          f.schemas = s.schemas();
          f.channels = s.channels();
          f.chunks = new ArrayList<>(s.chunkIndexes());
          f.chunks.sort(Comparator.comparingLong(ChunkIndex::chunkStartOffset));
          for (MetadataIndex m : s.metadataIndexes()) {
            try {
              f.metadata.add(reader.metadata(m));
            } catch (McapFormatException e) {
              errors.add(McapIngestErrors.of(file.toString(), null, null, McapIngestErrors.formatKind(e.kind()),
                  "the metadata record '" + m.name() + "' cannot be read: " + e.detail()));
            }
          }
          f.counts = s.statistics().map(st -> st.channelMessageCounts()).orElse(null);
          f.logStart = s.statistics().map(st -> st.messageStartTime())
              .orElse(f.chunks.stream().mapToLong(ChunkIndex::messageStartTime).min().orElse(0));
          f.logEnd = s.statistics().map(st -> st.messageEndTime())
              .orElse(f.chunks.stream().mapToLong(ChunkIndex::messageEndTime).max().orElse(0));
          f.fingerprint = file.getFileName() + ":" + f.size + ":" + reader.footer().get().summaryCrc();
          return f;
        }
      } catch (McapFormatException e) {
        if (e.kind() == McapFormatException.Kind.BAD_MAGIC || e.offset() <= 8) {
          errors.add(McapIngestErrors.unreadable(file.toString(), null, e));
          return null;
        }
        errors.add(McapIngestErrors.summaryDamaged(file.toString(), null, e));
        f.summaryDamaged = true;
      }
      // No chunk index (a recorder that crashed, an unchunked writer) or a damaged summary: scan the data section.
      McapScanResult scan = McapReader.scan(file, options);
      if (scan.header() == null) {
        scan.damage().ifPresent(d -> errors.add(McapIngestErrors.of(file.toString(), null, null,
            McapIngestErrors.FORMAT_PREFIX + d.code(), "not readable as MCAP: " + d + "; nothing of this file is"
                + " ingested: check that the upload is complete and is an MCAP file")));
        return null;
      }
      scan.damage().ifPresent(d -> errors.add(McapIngestErrors.damage(file.toString(), null, d)));
      f.indexed = false;
      f.schemas = scan.schemas();
      f.channels = scan.channels();
      f.metadata.addAll(scan.metadata());
      f.counts = scan.channelMessageCounts();
      f.logStart = scan.messageStartTime();
      f.logEnd = scan.messageEndTime();
      f.fingerprint = file.getFileName() + ":" + f.size + ":scan:" + scan.intactBytes() + ":" + scan.messageCount();
      return f;
    } catch (IOException | UncheckedIOException e) {
      errors.add(McapIngestErrors.of(file.toString(), null, null, McapIngestErrors.RECORDING_UNREADABLE,
          "cannot read the file: " + FleetIngestErrors.oneLine(String.valueOf(e.getMessage()))));
      return null;
    }
  }

  /** Routes the file's mapped channels; every channel becomes a {@code bronze.mcap_channels} row. */
  private static void route(FileFacts f, McapMapping mapping, Map<String, String> meta, String sessionId,
      List<ChannelRow> rows, Map<String, StreamInfo> streams, Map<String, CameraInfo> cameras,
      List<IngestError> errors) {
    String file = f.path.toString();
    for (Channel ch : new TreeMap<>(f.channels).values()) {
      Schema schema = f.schemas.get(ch.schemaId());
      String schemaName = schema == null ? "" : schema.name();
      String schemaEncoding = schema == null ? "" : schema.encoding();
      Long count = f.counts == null ? null : f.counts.getOrDefault(ch.id(), 0L);
      McapMapping.Topic entry = mapping.topic(ch.topic());
      if (entry == null) {
        rows.add(new ChannelRow(file, ch.id(), ch.topic(), schemaName, schemaEncoding, ch.messageEncoding(), count,
            null, null, "unmapped"));
        continue;
      }
      String name = entry.kind().stream ? entry.stream() : McapMapping.cameraName(entry, ch.topic());
      String kindId = entry.kind().name().toLowerCase(java.util.Locale.ROOT);
      String status = "ok";
      if (!entry.messageType().equals(schemaName)) {
        status = McapIngestErrors.SCHEMA_MISMATCH;
        errors.add(McapIngestErrors.of(file, sessionId, ch.topic(), McapIngestErrors.SCHEMA_MISMATCH, "topic "
            + ch.topic() + " has schema '" + schemaName + "' where the mapping '" + mapping.mapping() + "' expects "
            + entry.messageType() + ": the topic is not ingested"));
      } else {
        try {
          MessageDecoders.forChannel(ch.messageEncoding(), schemaName, schemaEncoding, schema.data());
        } catch (MessageDecodingException e) {
          status = e.kind().code();
          errors.add(McapIngestErrors.channelUndecodable(file, sessionId, ch.topic(), e));
        }
      }
      long offset = 0;
      String offsetText = meta.get("clock_offset_ns:" + ch.topic());
      if (offsetText != null) {
        Long parsed = parseLongOrNull(offsetText);
        if (parsed == null || !TimeBounds.isOffset(parsed)) {
          if ("ok".equals(status)) {
            status = McapIngestErrors.CLOCK_OFFSET_INVALID;
            errors.add(McapIngestErrors.of(file, sessionId, ch.topic(), McapIngestErrors.CLOCK_OFFSET_INVALID,
                "clock_offset_ns:" + ch.topic() + " = '" + FleetIngestErrors.oneLine(offsetText) + "' is not an"
                    + " offset in nanoseconds of " + TimeBounds.offsetRange() + ": the topic is not ingested"));
          }
        } else {
          offset = parsed;
        }
      }
      rows.add(new ChannelRow(file, ch.id(), ch.topic(), schemaName, schemaEncoding, ch.messageEncoding(), count,
          kindId, name, status));
      if (!"ok".equals(status)) {
        continue;
      }
      Double rate = parseDoubleOrNull(meta.get("rate_hz:" + ch.topic()));
      StreamKind kind = switch (entry.kind()) {
        case JOINT_STATE -> StreamKind.JOINT_STATE;
        case JOINT_COMMAND -> StreamKind.JOINT_COMMAND;
        case WRENCH -> StreamKind.WRENCH;
        case TACTILE -> StreamKind.TACTILE;
        case CAMERA_IMAGE, CAMERA_VIDEO -> StreamKind.CAMERA_FRAMES;
        case EVENTS -> null;
      };
      if (kind == null) {
        continue; // events are read whole while planning
      }
      f.routes.put(ch.id(), new Route(kind, name, entry.time(), offset, ch.topic()));
      if (kind == StreamKind.CAMERA_FRAMES) {
        CameraInfo previous = cameras.get(name);
        long messages = (previous == null ? 0 : previous.messages()) + (count == null ? 0 : count);
        cameras.put(name, previous == null
            ? new CameraInfo(name, ch.topic(), file, f.size, rate, offset, null, null, null, messages, "ok")
            : new CameraInfo(name, previous.topic(), previous.file(), previous.fileBytes(), previous.fps(),
                previous.clockOffsetNs(), previous.format(), previous.width(), previous.height(), messages, "ok"));
      } else {
        streams.putIfAbsent(name, new StreamInfo(name, kind, ch.topic(), file, rate, offset, "ok"));
      }
    }
  }

  /**
   * Chunks of files with routed channels, grouped into tasks of about {@code splitBytes}, numbered across files. Each
   * task also gets, per stream, the last earlier chunk holding that stream ({@link McapPlan.PreviousChunk}), as the
   * chunk indexes' per-channel message index offsets tell (a chunk without them may hold any channel).
   */
  private List<ReadTask> tasks(List<FileFacts> files, String robotId, String sessionId) {
    List<ReadTask> tasks = new ArrayList<>();
    // Per stream name: the last chunk so far that holds it; a file read by a linear scan has no addressable chunk.
    Map<String, McapPlan.PreviousChunk> lastChunkOf = new HashMap<>();
    int ordinal = 0;
    for (FileFacts f : files) {
      String file = f.path.toString();
      if (!f.indexed) {
        if (!f.routes.isEmpty()) {
          tasks.add(new ReadTask(robotId, sessionId, file, List.of(), true, f.summaryDamaged, ordinal,
              Map.copyOf(f.routes), Map.copyOf(lastChunkOf)));
        }
        f.routes.values().forEach(r -> lastChunkOf.remove(r.name()));
        ordinal++;
        continue;
      }
      List<ChunkSpan> current = new ArrayList<>();
      Map<String, McapPlan.PreviousChunk> previous = Map.of();
      int first = ordinal;
      long bytes = 0;
      for (ChunkIndex c : f.chunks) {
        Set<Integer> held = c.messageIndexOffsets().keySet();
        boolean wanted = held.isEmpty() || held.stream().anyMatch(f.routes::containsKey);
        ChunkSpan span = new ChunkSpan(c.chunkStartOffset(), c.chunkLength(), c.messageStartTime(),
            c.messageEndTime());
        if (wanted && !f.routes.isEmpty()) {
          if (current.isEmpty()) {
            first = ordinal;
            previous = Map.copyOf(lastChunkOf);
          }
          current.add(span);
          bytes += c.chunkLength();
          Map<String, Map<Integer, Route>> byName = new HashMap<>();
          f.routes.forEach((id, r) -> {
            if (held.isEmpty() || held.contains(id)) {
              byName.computeIfAbsent(r.name(), k -> new TreeMap<>()).put(id, r);
            }
          });
          byName.forEach((name, routes) -> lastChunkOf.put(name, new McapPlan.PreviousChunk(file, span, routes)));
        }
        ordinal++;
        // A task's chunks are consecutive in the file, so its batch numbers are first, first + 1, ...
        if (!current.isEmpty() && (bytes >= settings.splitBytes() || !wanted)) {
          tasks.add(new ReadTask(robotId, sessionId, file, List.copyOf(current), false, false, first,
              Map.copyOf(f.routes), previous));
          current.clear();
          bytes = 0;
        }
      }
      if (!current.isEmpty()) {
        tasks.add(new ReadTask(robotId, sessionId, file, List.copyOf(current), false, false, first,
            Map.copyOf(f.routes), previous));
      }
    }
    return List.copyOf(tasks);
  }

  /** Reads the events topic whole and the first frame of each camera (format and size). */
  private void readSmallTopics(FileFacts f, McapMapping mapping, String sessionId, List<String> eventLines,
      Map<String, CameraInfo> cameras, List<IngestError> errors) {
    Set<Integer> events = new HashSet<>();
    Map<Integer, String> cameraChannels = new LinkedHashMap<>();
    for (Channel ch : f.channels.values()) {
      McapMapping.Topic entry = mapping.topic(ch.topic());
      Schema schema = f.schemas.get(ch.schemaId());
      if (entry == null || schema == null || !entry.messageType().equals(schema.name())) {
        continue;
      }
      if (entry.kind() == McapMapping.Kind.EVENTS) {
        events.add(ch.id());
      } else if (f.routes.containsKey(ch.id()) && f.routes.get(ch.id()).kind() == StreamKind.CAMERA_FRAMES) {
        String camera = f.routes.get(ch.id()).name();
        if (cameras.get(camera).format() == null) {
          cameraChannels.put(ch.id(), camera);
        }
      }
    }
    if (events.isEmpty() && cameraChannels.isEmpty()) {
      return;
    }
    String file = f.path.toString();
    Set<Integer> wanted = new HashSet<>(events);
    wanted.addAll(cameraChannels.keySet());
    McapReadOptions options = McapReadOptions.defaults();
    if (!f.indexed) {
      try (McapMessageIterator it = f.summaryDamaged
          ? McapReader.scanMessages(f.path, options)
          : openScan(f.path, options)) {
        collect(it, events, cameraChannels, eventLines, cameras, file, sessionId, errors);
      }
      return;
    }
    try (McapReader reader = McapReader.open(f.path, options)) {
      Set<Integer> camerasLeft = new HashSet<>(cameraChannels.keySet());
      for (ChunkIndex c : f.chunks) {
        Set<Integer> in = c.messageIndexOffsets().keySet();
        boolean needed = in.isEmpty() || in.stream().anyMatch(events::contains)
            || in.stream().anyMatch(camerasLeft::contains);
        if (!needed) {
          continue;
        }
        ChunkSpan span = new ChunkSpan(c.chunkStartOffset(), c.chunkLength(), c.messageStartTime(),
            c.messageEndTime());
        try (McapMessageIterator it = reader.messages(new McapSplit(0, List.of(span), false), MessageOrder.FILE)) {
          collect(it, events, cameraChannels, eventLines, cameras, file, sessionId, errors);
        } catch (McapFormatException e) {
          errors.add(McapIngestErrors.chunk(file, sessionId, c.chunkStartOffset(), e));
        }
        camerasLeft.removeIf(id -> cameras.get(cameraChannels.get(id)).format() != null);
      }
    }
  }

  private static McapMessageIterator openScan(Path path, McapReadOptions options) {
    McapReader reader = McapReader.open(path, options);
    McapMessageIterator it = reader.messages(MessageOrder.FILE);
    return new McapMessageIterator() {
      @Override
      public java.util.Optional<ai.curate.mcap.McapDamage> damage() {
        return it.damage();
      }

      @Override
      public void close() {
        try {
          it.close();
        } finally {
          reader.close();
        }
      }

      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public McapMessage next() {
        return it.next();
      }
    };
  }

  private static void collect(Iterator<McapMessage> it, Set<Integer> events, Map<Integer, String> cameraChannels,
      List<String> eventLines, Map<String, CameraInfo> cameras, String file, String sessionId,
      List<IngestError> errors) {
    ChannelDecoders decoders = new ChannelDecoders();
    while (it.hasNext()) {
      McapMessage m = it.next();
      int id = m.channel().id();
      boolean event = events.contains(id);
      String camera = cameraChannels.get(id);
      if (!event && (camera == null || cameras.get(camera).format() != null)) {
        continue;
      }
      Map<String, Object> decoded;
      try {
        decoded = decoders.decode(m);
      } catch (MessageDecodingException e) {
        if (event) {
          // The camera read task reports its own undecodable frames; an event is only read here.
          errors.add(McapIngestErrors.of(file, sessionId, m.topic(), e.kind().code(), "the " + m.topic()
              + " message at log time " + m.logTime() + " does not decode: " + e.detail()
              + "; the event is left out, the other events are ingested"));
          eventLines.add(""); // keeps the line numbers of the following events
        }
        continue;
      }
      if (event) {
        Object data = decoded.get("data");
        eventLines.add(data instanceof String text ? text.replace('\r', ' ').replace('\n', ' ') : "");
      } else {
        CameraInfo c = cameras.get(camera);
        String format = String.valueOf(decoded.get("format"));
        int[] size = imageSize(decoded.get("data"));
        cameras.put(camera, new CameraInfo(c.name(), c.topic(), c.file(), c.fileBytes(), c.fps(), c.clockOffsetNs(),
            format, size == null ? null : size[0], size == null ? null : size[1], c.messages(), c.status()));
      }
    }
  }

  /** Width and height from a JPEG or PNG's header, without decoding its pixels; null when unknown. */
  static int[] imageSize(Object data) {
    if (!(data instanceof byte[] bytes)) {
      return null;
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        return null;
      }
      ImageReader r = readers.next();
      try {
        r.setInput(in);
        return new int[] {r.getWidth(0), r.getHeight(0)};
      } finally {
        r.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private List<EventRecord> events(List<String> lines, String file, String sessionId, List<IngestError> errors) {
    if (lines.isEmpty()) {
      return List.of();
    }
    byte[] joined = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    EventsParser.Result parsed = EventsParser.parse(joined, settings.maxEventLineBytes());
    for (EventsParser.Problem p : parsed.problems()) {
      errors.add(McapIngestErrors.of(file, sessionId, "/events", p.kind(), "message " + p.line() + " of /events: "
          + p.why() + (p.skipped() ? " (the event is left out)" : "")));
    }
    return parsed.events();
  }

  private static List<IngestError> withSession(List<IngestError> errors, String sessionId) {
    List<IngestError> out = new ArrayList<>();
    for (IngestError e : errors) {
      out.add(e.sessionId() != null || sessionId == null
          ? e
          : new IngestError(e.sourcePath(), sessionId,
              e.clipId(), e.stream(), e.errorKind(), e.message()));
    }
    return List.copyOf(out);
  }

  private static String json(Map<String, String> meta, List<FileFacts> files) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("session", new TreeMap<>(meta));
    out.put("files", files.stream().map(f -> f.path.getFileName().toString()).toList());
    try {
      return JSON.writeValueAsString(out);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The local path of a qualified recording location; null when it is not on a local (file:) file system. */
  static Path localPath(String location) {
    URI uri = URI.create(location.replace(" ", "%20"));
    if (uri.getScheme() == null) {
      return Path.of(location);
    }
    return "file".equalsIgnoreCase(uri.getScheme()) ? Path.of(URI.create("file://" + uri.getRawPath())) : null;
  }

  private static long parseLong(String s, long fallback) {
    Long v = parseLongOrNull(s);
    return v == null ? fallback : v;
  }

  private static Long parseLongOrNull(String s) {
    if (s == null) {
      return null;
    }
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double parseDoubleOrNull(String s) {
    if (s == null) {
      return null;
    }
    try {
      double v = Double.parseDouble(s.trim());
      return Double.isFinite(v) && v > 0 ? v : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }
}
