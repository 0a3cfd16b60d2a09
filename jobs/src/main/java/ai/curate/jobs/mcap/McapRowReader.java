package ai.curate.jobs.mcap;

import ai.curate.jobs.fleet.FleetIngestErrors;
import ai.curate.jobs.fleet.StreamKind;
import ai.curate.jobs.fleet.TimeBounds;
import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.mcap.McapPlan.ReadTask;
import ai.curate.jobs.mcap.McapPlan.Route;
import ai.curate.mcap.McapFormatException;
import ai.curate.mcap.McapMessage;
import ai.curate.mcap.McapMessageIterator;
import ai.curate.mcap.McapReadOptions;
import ai.curate.mcap.McapReader;
import ai.curate.mcap.McapSplit;
import ai.curate.mcap.McapSplit.ChunkSpan;
import ai.curate.mcap.MessageOrder;
import ai.curate.mcap.ros2.ChannelDecoders;
import ai.curate.mcap.ros2.MessageDecodingException;
import java.nio.file.Path;
import java.sql.Date;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Reads the rows of one stream kind from one {@link ReadTask}: decodes the messages of the task's channels routed to
 * that kind, maps them onto bronze columns ({@link McapSchemas#raw}) and leaves the file-order flags to the stage.
 * A chunk is read at a time, so memory is bounded by the chunk size whatever the recording's length. A chunk that
 * cannot be read, a message that does not decode or decodes to something unusable, joint names that match no joint
 * of the robot model and sample times outside the accepted range go to {@code onError}, aggregated per chunk and
 * topic; the rest goes on.
 */
final class McapRowReader implements Iterator<Row>, AutoCloseable {
  private final ReadTask task;
  private final StreamKind kind;
  private final ChannelDecoders decoders = new ChannelDecoders();
  private final Date date;
  private final Consumer<IngestError> onError;
  private final Map<String, Integer> jointIndex;
  private final int joints;
  private final McapReader reader;
  private final Map<Integer, Route> routes = new HashMap<>();
  private final ArrayDeque<Row> ready = new ArrayDeque<>();
  private int nextChunk;
  private McapMessageIterator scan;
  private boolean wholeFileDone;
  /** Rows so far per route name in the current chunk (batch_row). */
  private final Map<String, Integer> rowsInBatch = new HashMap<>();
  private final Map<String, Problem> problems = new LinkedHashMap<>();
  private final Map<Integer, JointMap> jointMaps = new HashMap<>();
  /** Camera rows also carry the message's {@code format} and encoded {@code data} (for the video re-mux). */
  private final boolean keepImages;
  /**
   * Stream rows (not camera rows) end with {@code duplicate_ts} and {@code out_of_order}, against the stream's
   * previous ingested sample: in this task, or for its first sample the last one of the chunk before the task that
   * holds the stream ({@link McapPlan.PreviousChunk}).
   */
  private final boolean fileOrderFlags;
  private final Map<String, Long> lastTs = new HashMap<>();
  /** While reading a previous chunk for its last sample times: report nothing (that chunk's task reports). */
  private boolean silent;

  /** What went wrong with a topic's messages in one chunk: how many, the first's time and detail. */
  private static final class Problem {
    final String topic;
    final String kind;
    long count;
    final long firstLogTime;
    final String detail;

    Problem(String topic, String kind, long firstLogTime, String detail) {
      this.topic = topic;
      this.kind = kind;
      this.firstLogTime = firstLogTime;
      this.detail = detail;
    }
  }

  /** A JointState's names in the robot model's order: {@code index[i]} is the model joint of element i, or -1. */
  private record JointMap(List<String> names, int[] index, List<String> unknown) {}

  McapRowReader(ReadTask task, StreamKind kind, int captureDays, List<String> jointNames,
      Consumer<IngestError> onError) {
    this(task, kind, captureDays, jointNames, onError, false);
  }

  /**
   * A reader whose camera rows, when {@code keepImages}, end with two more fields: the message's {@code format}
   * (String) and {@code data} (byte[]). The rows and their order are otherwise the same, so the {@code k}-th camera
   * row of a (session, camera) in (batch_index, batch_row) order is the frame whose {@code frame_index} is k.
   */
  McapRowReader(ReadTask task, StreamKind kind, int captureDays, List<String> jointNames,
      Consumer<IngestError> onError, boolean keepImages) {
    this(task, kind, captureDays, jointNames, onError, keepImages, null);
  }

  /** As above, reading only the stream or camera named {@code onlyName} (null: every one of the kind). */
  McapRowReader(ReadTask task, StreamKind kind, int captureDays, List<String> jointNames,
      Consumer<IngestError> onError, boolean keepImages, String onlyName) {
    this.keepImages = keepImages;
    this.fileOrderFlags = kind != StreamKind.CAMERA_FRAMES;
    this.task = task;
    this.kind = kind;
    this.date = Date.valueOf(java.time.LocalDate.ofEpochDay(captureDays));
    this.onError = onError;
    this.jointIndex = new HashMap<>();
    for (int i = 0; i < jointNames.size(); i++) {
      jointIndex.put(jointNames.get(i), i);
    }
    this.joints = jointNames.size();
    task.routes().forEach((id, r) -> {
      if (r.kind() == kind && (onlyName == null || onlyName.equals(r.name()))) {
        routes.put(id, r);
      }
    });
    McapReadOptions options = McapReadOptions.defaults();
    if (routes.isEmpty()) {
      reader = null;
      wholeFileDone = true;
      nextChunk = task.chunks().size();
    } else if (task.wholeFile()) {
      reader = null;
      scan = McapReader.scanMessages(Path.of(task.file()), options);
    } else {
      reader = McapReader.open(Path.of(task.file()), options);
    }
    if (fileOrderFlags && !routes.isEmpty()) {
      seedPreviousSamples(options);
    }
  }

  /** The last sample time of each of this kind's streams before the task, from the chunks the planner named. */
  private void seedPreviousSamples(McapReadOptions options) {
    Map<PreviousKey, Map<Integer, Route>> chunks = new LinkedHashMap<>();
    Set<String> names = new HashSet<>();
    routes.values().forEach(r -> names.add(r.name()));
    task.previous().forEach((name, p) -> {
      if (names.contains(name)) {
        chunks.computeIfAbsent(new PreviousKey(p.file(), p.span()), k -> new HashMap<>()).putAll(p.routes());
      }
    });
    silent = true;
    try {
      for (Map.Entry<PreviousKey, Map<Integer, Route>> c : chunks.entrySet()) {
        // Building the rows records each stream's last time (streamRow); a damaged chunk records none.
        Map<String, Long> before = new HashMap<>(lastTs);
        boolean own = reader != null && c.getKey().file().equals(task.file());
        McapReader r = own ? reader : McapReader.open(Path.of(c.getKey().file()), options);
        try (McapMessageIterator it = r.messages(new McapSplit(0, List.of(c.getKey().span()), false),
            MessageOrder.FILE, c.getValue()::containsKey)) {
          while (it.hasNext()) {
            McapMessage m = it.next();
            Route route = c.getValue().get(m.channel().id());
            if (route != null && route.kind() == kind) {
              row(m, route, 0, -1);
            }
          }
        } catch (McapFormatException e) {
          // A damaged chunk lands no row, so it has no last sample: the task's first samples are not flagged.
          lastTs.clear();
          lastTs.putAll(before);
        } finally {
          if (!own) {
            r.close();
          }
        }
      }
    } finally {
      silent = false;
      rowsInBatch.clear();
      problems.clear();
    }
  }

  private record PreviousKey(String file, ChunkSpan span) {}

  /**
   * A stream row from {@code values}, whose last two slots the caller leaves null for the file-order flags:
   * {@code duplicate_ts} and {@code out_of_order} against the stream's previous row in file order, which this records.
   * Set here, as the row is built, so that rows are not copied to add them.
   */
  private Row streamRow(String stream, long ts, Object... values) {
    Long previous = lastTs.put(stream, ts);
    values[values.length - 2] = previous != null && ts == previous;
    values[values.length - 1] = previous != null && ts < previous;
    return RowFactory.create(values);
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty()) {
      if (task.wholeFile()) {
        if (wholeFileDone) {
          return false;
        }
        readWholeFile();
      } else {
        if (nextChunk >= task.chunks().size()) {
          return false;
        }
        readChunk(nextChunk++);
      }
    }
    return true;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return ready.poll();
  }

  private void readChunk(int i) {
    ChunkSpan span = task.chunks().get(i);
    rowsInBatch.clear();
    List<Row> rows = new ArrayList<>();
    Map<String, Long> before = new HashMap<>(lastTs);
    try (McapMessageIterator it = reader.messages(new McapSplit(i, List.of(span), false), MessageOrder.FILE,
        routes::containsKey)) {
      while (it.hasNext()) {
        McapMessage m = it.next();
        Route r = routes.get(m.channel().id());
        if (r != null) {
          Row row = row(m, r, task.firstBatch() + i, span.offset());
          if (row != null) {
            rows.add(row);
          }
        }
      }
    } catch (McapFormatException e) {
      // All or nothing per chunk: a damaged chunk's rows are left out, so no half-chunk lands twice on a retry.
      rows.clear();
      lastTs.clear();
      lastTs.putAll(before);
      onError.accept(McapIngestErrors.chunk(task.file(), task.sessionId(), span.offset(), e));
    }
    ready.addAll(rows);
    flushProblems(span.offset());
  }

  /** A file without a chunk index, read by a linear scan (whose damage the planner has reported). */
  private void readWholeFile() {
    int produced = 0;
    while (produced < 1024 && scan.hasNext()) {
      McapMessage m = scan.next();
      Route r = routes.get(m.channel().id());
      if (r != null) {
        Row row = row(m, r, task.firstBatch(), -1);
        if (row != null) {
          ready.add(row);
          produced++;
        }
      }
    }
    if (!scan.hasNext()) {
      wholeFileDone = true;
      scan.close();
      flushProblems(-1);
    }
  }

  private Row row(McapMessage m, Route r, int batch, long chunkOffset) {
    Map<String, Object> msg;
    try {
      msg = decoders.decode(m);
    } catch (MessageDecodingException e) {
      problem(r.topic(), e.kind().code(), m.logTime(), e.detail());
      return null;
    }
    try {
      long ts = switch (r.time()) {
        case HEADER -> stamp(field(msg, "header"), "stamp");
        case TIMESTAMP -> stamp(msg, "timestamp");
        case LOG_TIME -> m.logTime();
      };
      if (!TimeBounds.isTimestamp(ts)) {
        problem(r.topic(), McapIngestErrors.SAMPLE_TIME_INVALID, m.logTime(), "sample time " + ts + " is outside "
            + TimeBounds.timestampRange());
        return null;
      }
      int batchRow = rowsInBatch.merge(r.name(), 1, Integer::sum) - 1;
      String file = task.file();
      Long offset = chunkOffset < 0 ? null : chunkOffset;
      return switch (kind) {
        case CAMERA_FRAMES -> keepImages
            ? RowFactory.create(date, task.robotId(), task.sessionId(), r.name(), ts, r.clockOffsetNs(), batch,
                batchRow, file, offset, msg.get("format"), msg.get("data"))
            : RowFactory.create(date, task.robotId(), task.sessionId(), r.name(), ts, r.clockOffsetNs(), batch,
                batchRow, file, offset);
        case JOINT_STATE, JOINT_COMMAND -> jointRow(msg, m, r, ts, batch, batchRow, file, offset);
        case WRENCH -> {
          Map<String, Object> wrench = field(msg, "wrench");
          float[] force = vector(field(wrench, "force"));
          float[] torque = vector(field(wrench, "torque"));
          yield streamRow(r.name(), ts, date, task.robotId(), task.sessionId(), r.name(), ts, r.clockOffsetNs(),
              batch, batchRow, force, torque, nan(force) || nan(torque), file, offset, null, null);
        }
        case TACTILE -> {
          float[] pressure = floats(msg.get("data"));
          yield streamRow(r.name(), ts, date, task.robotId(), task.sessionId(), r.name(), ts, r.clockOffsetNs(),
              batch, batchRow, pressure, nan(pressure), file, offset, null, null);
        }
      };
    } catch (Unusable e) {
      problem(r.topic(), McapIngestErrors.MESSAGE_INVALID, m.logTime(), e.getMessage());
      return null;
    }
  }

  private Row jointRow(Map<String, Object> msg, McapMessage m, Route r, long ts, int batch, int batchRow, String file,
      Long offset) {
    Object names = msg.get("name");
    if (!(names instanceof List<?> list)) {
      throw new Unusable("the message has no name array (JointState.name)");
    }
    JointMap map = jointMap(m.channel().id(), list);
    if (!map.unknown().isEmpty()) {
      problem(r.topic(), McapIngestErrors.JOINT_NAMES_UNKNOWN, m.logTime(), "joint names " + map.unknown()
          + " match no actuated joint of the robot model (mcap_ingest.robot_urdf); those elements are dropped and"
          + " the model's joints the message does not name are NaN");
    }
    float[] position = mapped(msg.get("position"), map, "position");
    if (kind == StreamKind.JOINT_COMMAND) {
      return streamRow(r.name(), ts, date, task.robotId(), task.sessionId(), r.name(), ts, r.clockOffsetNs(), batch,
          batchRow, position, nan(position), file, offset, null, null);
    }
    float[] velocity = mapped(msg.get("velocity"), map, "velocity");
    float[] effort = mapped(msg.get("effort"), map, "effort");
    return streamRow(r.name(), ts, date, task.robotId(), task.sessionId(), r.name(), ts, r.clockOffsetNs(), batch,
        batchRow, position, velocity, effort, nan(position) || nan(velocity) || nan(effort), file, offset, null, null);
  }

  private JointMap jointMap(int channel, List<?> names) {
    JointMap cached = jointMaps.get(channel);
    if (cached != null && cached.names().equals(names)) {
      return cached;
    }
    int[] index = new int[names.size()];
    TreeSet<String> unknown = new TreeSet<>();
    for (int i = 0; i < names.size(); i++) {
      Integer j = jointIndex.get(String.valueOf(names.get(i)));
      index[i] = j == null ? -1 : j;
      if (j == null) {
        unknown.add(String.valueOf(names.get(i)));
      }
    }
    List<String> copy = names.stream().map(String::valueOf).toList();
    JointMap map = new JointMap(copy, index, List.copyOf(unknown).subList(0, Math.min(5, unknown.size())));
    jointMaps.put(channel, map);
    return map;
  }

  /** Elements named by {@code map} in the robot model's order; joints the message does not name are NaN. */
  private float[] mapped(Object values, JointMap map, String field) {
    float[] out = new float[joints];
    Arrays.fill(out, Float.NaN);
    double[] v = doubles(values);
    if (v.length == 0) {
      return out; // ROS leaves velocity or effort empty when it has none
    }
    if (v.length != map.index().length) {
      throw new Unusable("JointState." + field + " has " + v.length + " elements for " + map.index().length
          + " names");
    }
    for (int i = 0; i < v.length; i++) {
      if (map.index()[i] >= 0) {
        out[map.index()[i]] = (float) v[i];
      }
    }
    return out;
  }

  private void problem(String topic, String kind, long logTime, String detail) {
    if (silent) {
      return;
    }
    problems.computeIfAbsent(topic + "\u0000" + kind, k -> new Problem(topic, kind, logTime, detail)).count++;
  }

  private void flushProblems(long chunkOffset) {
    for (Problem p : problems.values()) {
      onError.accept(McapIngestErrors.messages(task.file(), task.sessionId(), p.topic, p.kind, chunkOffset, p.count,
          p.firstLogTime, FleetIngestErrors.oneLine(p.detail)));
    }
    problems.clear();
  }

  /** A decoded message that does not have the shape its kind needs. */
  private static final class Unusable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unusable(String message) {
      super(message, null, false, false);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> field(Map<String, Object> msg, String name) {
    Object v = msg.get(name);
    if (!(v instanceof Map)) {
      throw new Unusable("the message has no " + name + " field");
    }
    return (Map<String, Object>) v;
  }

  private static long stamp(Map<String, Object> msg, String name) {
    Map<String, Object> t = field(msg, name);
    if (!(t.get("sec") instanceof Number sec) || !(t.get("nanosec") instanceof Number nanosec)) {
      throw new Unusable("the " + name + " has no sec / nanosec");
    }
    return sec.longValue() * 1_000_000_000L + nanosec.longValue();
  }

  private static float[] vector(Map<String, Object> v) {
    float[] out = new float[3];
    String[] axes = {"x", "y", "z"};
    for (int i = 0; i < 3; i++) {
      if (!(v.get(axes[i]) instanceof Number n)) {
        throw new Unusable("a Vector3 has no " + axes[i]);
      }
      out[i] = n.floatValue();
    }
    return out;
  }

  private static double[] doubles(Object values) {
    if (values == null) {
      return new double[0];
    }
    if (values instanceof double[] d) {
      return d;
    }
    if (values instanceof float[] f) {
      double[] out = new double[f.length];
      for (int i = 0; i < f.length; i++) {
        out[i] = f[i];
      }
      return out;
    }
    if (values instanceof List<?> list) {
      double[] out = new double[list.size()];
      for (int i = 0; i < out.length; i++) {
        if (!(list.get(i) instanceof Number n)) {
          throw new Unusable("an array holds a non-number");
        }
        out[i] = n.doubleValue();
      }
      return out;
    }
    throw new Unusable("expected a number array, got " + values.getClass().getSimpleName());
  }

  private static float[] floats(Object values) {
    if (values instanceof float[] f) {
      return f;
    }
    double[] d = doubles(values);
    float[] out = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      out[i] = (float) d[i];
    }
    return out;
  }

  private static boolean nan(float[] values) {
    for (float v : values) {
      if (!Float.isFinite(v)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    if (scan != null) {
      scan.close();
    }
    if (reader != null) {
      reader.close();
    }
  }
}
