package ai.curate.jobs.sample;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Writes one fleet session bundle (docs/raw-formats.md) and plants the session's faults. */
final class FleetSessionWriter {
  /** What was written, for the sample summary and for tests that reconcile ingest against the generator. */
  record Result(Plans.Session plan, String relativeDir, Map<String, Long> streamRows, Map<String, Long> cameraFrames,
      String videoCodec, int events, List<PlantedFault> faults) {}

  private final Path root;
  private final String date;
  private final Plans.Session plan;
  private final NeoMotion motion;
  private final ContactModel contact;
  private final List<PlantedFault> planted = new ArrayList<>();
  private final Path dir;
  private final SessionSink sink;

  FleetSessionWriter(Path root, String date, Plans.Session plan, NeoMotion motion) {
    this(root, date, plan, motion, SessionSink.NONE);
  }

  FleetSessionWriter(Path root, String date, Plans.Session plan, NeoMotion motion, SessionSink sink) {
    this.sink = sink;
    this.root = root;
    this.date = date;
    this.plan = plan;
    this.motion = motion;
    this.contact = new ContactModel(motion, plan.seed());
    this.dir = root.resolve(plan.relativeDir(date));
  }

  Result write() {
    try {
      Files.createDirectories(dir.resolve("streams"));
      Files.createDirectories(dir.resolve("cameras"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    Map<String, Long> rows = new LinkedHashMap<>();
    for (FleetLayout.StreamSpec spec : FleetLayout.STREAMS) {
      rows.put(spec.name(), writeStream(spec));
    }
    Map<String, Long> frames = new LinkedHashMap<>();
    String codec = null;
    for (FleetLayout.CameraSpec cam : FleetLayout.CAMERAS) {
      codec = writeCamera(cam, frames);
    }
    int events = writeEvents();
    writeManifest();
    damageFiles();
    sink.finish();
    return new Result(plan, plan.relativeDir(date), rows, frames, codec, events, List.copyOf(planted));
  }

  // ---------------------------------------------------------------- streams

  private long writeStream(FleetLayout.StreamSpec spec) {
    int joints = motion.jointCount();
    int[] widths = spec.widths(joints);
    boolean narrow = hasFault(FaultKind.LIST_WIDTH_MISMATCH, spec.name());
    int[] fileWidths = widths.clone();
    if (narrow) {
      for (int c = 0; c < fileWidths.length; c++) {
        fileWidths[c] = widths[c] - 1;
      }
    }
    long offset = plan.clockOffsetsNs().get(spec.name());
    List<StreamFault> faults = streamFaults(spec, offset);
    SplittableRandom noise = Seeds.random(plan.seed(), "noise:" + spec.name(), 0);
    double period = 1.0 / spec.rateHz();
    StreamBatch batch = new StreamBatch(spec.batchRows() + 8, widths);
    StreamBatch narrowed = narrow ? new StreamBatch(spec.batchRows() + 8, fileWidths) : null;
    double[] q = new double[joints];
    double[] dq = new double[joints];
    double[] six = new double[6];
    double[] taxels = new double[FleetLayout.TAXELS];
    Path file = dir.resolve(spec.file());
    try (ArrowStreamFile out = new ArrowStreamFile(file, spec.columns(), fileWidths)) {
      for (long k = 0;; k++) {
        // Capture jitter only delays a sample, so device time never runs backwards in a clean stream.
        double t = k * period + 0.02 * period * noise.nextDouble();
        if (t >= plan.durationS()) {
          break;
        }
        int row = batch.addRow();
        batch.ts[row] = plan.tsNs(t) - offset;
        switch (spec.kind()) {
          case JOINT_STATE -> fillJointState(batch, row, t, q, dq, noise);
          case JOINT_COMMAND -> fillCommand(batch, row, t, q, dq);
          case WRENCH -> fillWrench(batch, row, spec.side(), t, six, noise);
          case TACTILE -> fillTactile(batch, row, spec.side(), t, taxels, noise);
        }
        if (batch.rows >= spec.batchRows()) {
          flush(spec, out, batch, faults, narrowed);
        }
      }
      flush(spec, out, batch, faults, narrowed);
      for (StreamFault f : faults) {
        record(f.kind(), spec.file(), spec.name(), f, faultJoint(f.kind()));
      }
      if (narrow) {
        planted.add(fault(FaultKind.LIST_WIDTH_MISMATCH, spec.file(), spec.name(), null, null, null, null,
            (int) out.rowsWritten()));
      }
      return out.rowsWritten();
    }
  }

  private void flush(FleetLayout.StreamSpec spec, ArrowStreamFile out, StreamBatch batch, List<StreamFault> faults,
      StreamBatch narrowed) {
    for (StreamFault f : faults) {
      f.apply(batch);
    }
    sink.rows(spec, batch);
    if (narrowed == null) {
      out.write(batch);
    } else {
      narrowed.clear();
      for (int i = 0; i < batch.rows; i++) {
        int r = narrowed.addRow();
        narrowed.ts[r] = batch.ts[i];
        for (int c = 0; c < batch.columns.length; c++) {
          System.arraycopy(batch.columns[c], i * batch.widths[c], narrowed.columns[c], r * narrowed.widths[c],
              narrowed.widths[c]);
        }
      }
      out.write(narrowed);
    }
    batch.clear();
  }

  private void fillJointState(StreamBatch b, int row, double t, double[] q, double[] dq, SplittableRandom noise) {
    motion.state(t, q, dq);
    double cl = motion.contact(Side.LEFT, t);
    double cr = motion.contact(Side.RIGHT, t);
    int n = q.length;
    float[] pos = b.columns[0];
    float[] vel = b.columns[1];
    float[] eff = b.columns[2];
    for (int j = 0; j < n; j++) {
      double e = motion.joint(j).effortLimit();
      pos[row * n + j] = (float) (q[j] + 1e-4 * noise.nextGaussian());
      vel[row * n + j] = (float) (dq[j] + 2e-3 * noise.nextGaussian());
      double tau = motion.effort(j, q[j], dq[j], cl, cr) + 0.004 * e * noise.nextGaussian();
      eff[row * n + j] = (float) Math.max(-e, Math.min(e, tau));
    }
  }

  /** The controller's target: where the joint will be 30 ms later; fingers squeeze past the object in contact. */
  private void fillCommand(StreamBatch b, int row, double t, double[] q, double[] dq) {
    motion.state(t + 0.03, q, dq);
    double cl = motion.contact(Side.LEFT, t);
    double cr = motion.contact(Side.RIGHT, t);
    int n = q.length;
    float[] pos = b.columns[0];
    for (int j = 0; j < n; j++) {
      NeoMotion.JointFacts joint = motion.joint(j);
      double target = q[j];
      if (joint.role() == NeoMotion.Role.HAND_FLEX) {
        target += 0.12 * (joint.side() == Side.LEFT ? cl : cr);
      }
      pos[row * n + j] = (float) Math.max(joint.lower(), Math.min(joint.upper(), target));
    }
  }

  private void fillWrench(StreamBatch b, int row, Side side, double t, double[] six, SplittableRandom noise) {
    contact.wrench(side, t, six);
    for (int k = 0; k < 3; k++) {
      b.columns[0][row * 3 + k] = (float) (six[k] + 0.05 * noise.nextGaussian());
      b.columns[1][row * 3 + k] = (float) (six[3 + k] + 0.003 * noise.nextGaussian());
    }
  }

  private void fillTactile(StreamBatch b, int row, Side side, double t, double[] taxels, SplittableRandom noise) {
    contact.tactile(side, t, taxels);
    int n = FleetLayout.TAXELS;
    for (int k = 0; k < n; k++) {
      b.columns[0][row * n + k] = (float) (taxels[k] + Math.abs(0.15 * noise.nextGaussian()));
    }
  }

  /** Row-level faults of this stream, with windows placed inside the target episode on the stream's clock. */
  private List<StreamFault> streamFaults(FleetLayout.StreamSpec spec, long offset) {
    List<StreamFault> out = new ArrayList<>();
    for (Plans.FaultSpec f : plan.faults()) {
      if (!spec.name().equals(f.stream())) {
        continue;
      }
      Plans.Episode e = plan.episodes().get(f.episode() < 0 ? 0 : f.episode());
      double d = e.duration();
      double[] w = switch (f.kind()) {
        case NAN_VALUES -> centred(e.at(0.5), Math.min(0.3, 0.1 * d));
        case TIMESTAMP_GAP -> centred(e.at(0.45), Math.min(1.5, 0.2 * d));
        case TIMESTAMP_REORDER -> centred(e.at(0.5), Math.min(0.5, 0.15 * d));
        case TIMESTAMP_DUPLICATE -> centred(e.at(0.55), Math.min(0.5, 0.15 * d));
        case FROZEN_SENSOR -> centred(e.at(0.5), Math.min(3.0, 0.35 * d));
        default -> null;
      };
      if (w == null) {
        continue;
      }
      String jointName = faultJoint(f.kind());
      int joint = jointName == null ? 0 : motion.jointIndex(jointName);
      int rowsInWindow = (int) Math.round((w[1] - w[0]) * spec.rateHz());
      out.add(new StreamFault(f.kind(), plan.tsNs(w[0]) - offset, plan.tsNs(w[1]) - offset, joint,
          Math.max(1, rowsInWindow / 5)));
    }
    return out;
  }

  private static double[] centred(double centre, double length) {
    return new double[] {centre - length / 2, centre + length / 2};
  }

  /** The joint a joint-level fault hits: an arm joint that moves during every task. */
  private static String faultJoint(FaultKind kind) {
    return switch (kind) {
      case NAN_VALUES -> "left_elbow";
      case FROZEN_SENSOR -> "right_elbow";
      default -> null;
    };
  }

  private boolean hasFault(FaultKind kind, String stream) {
    return plan.faults().stream().anyMatch(f -> f.kind() == kind && stream.equals(f.stream()));
  }

  // ---------------------------------------------------------------- cameras

  private String writeCamera(FleetLayout.CameraSpec cam, Map<String, Long> frames) {
    long offset = plan.clockOffsetsNs().get(cam.name());
    SplittableRandom jitter = Seeds.random(plan.seed(), "camera:" + cam.name(), 0);
    int total = (int) Math.floor(plan.durationS() * cam.fps());
    long[] capture = new long[total];
    Canvas canvas = new Canvas(FleetLayout.VIDEO_WIDTH, FleetLayout.VIDEO_HEIGHT);
    RobotCameraRenderer renderer = new RobotCameraRenderer(motion);
    double[] q = new double[motion.jointCount()];
    double[] dq = new double[motion.jointCount()];
    String codec;
    try (VideoWriter video = new VideoWriter(dir.resolve(cam.file()), canvas.width(), canvas.height(), cam.fps())) {
      for (int k = 0; k < total; k++) {
        double t = k / (double) cam.fps() + 0.001 * jitter.nextDouble();
        capture[k] = plan.tsNs(t) - offset;
        motion.state(t, q, dq);
        renderer.render(cam.name(), canvas, t, q);
        video.write(canvas);
        sink.frame(cam, capture[k], canvas);
      }
      codec = video.codec();
    }
    FrameIndexFile.write(dir.resolve(cam.framesFile()), capture, total);
    frames.put(cam.name(), (long) total);
    return codec;
  }

  // ---------------------------------------------------------------- events and manifest

  private int writeEvents() {
    List<Map.Entry<Long, ObjectNode>> events = new ArrayList<>();
    ObjectNode start = SampleJson.object();
    long t0 = plan.tsNs(0.2);
    start.put("ts_ns", t0);
    start.put("type", "system");
    start.put("text", "logging started");
    start.put("battery_pct", 60 + (int) (Math.abs(plan.seed()) % 40));
    events.add(Map.entry(t0, start));
    for (Plans.Episode e : plan.episodes()) {
      ObjectNode s = SampleJson.object();
      long ts = plan.tsNs(e.startS());
      s.put("ts_ns", ts);
      s.put("type", "episode_start");
      s.put("episode_id", e.episodeId());
      s.put("task", e.task().name());
      s.put("prompt", e.task().prompt());
      events.add(Map.entry(ts, s));
      for (Plans.Annotation a : e.annotations()) {
        ObjectNode n = SampleJson.object();
        long at = plan.tsNs(a.atS());
        n.put("ts_ns", at);
        n.put("type", a.type());
        a.fields().forEach((k, v) -> n.putPOJO(k, v));
        events.add(Map.entry(at, n));
      }
      ObjectNode end = SampleJson.object();
      long te = plan.tsNs(e.endS());
      end.put("ts_ns", te);
      end.put("type", "episode_end");
      end.put("episode_id", e.episodeId());
      end.put("success", e.success());
      events.add(Map.entry(te, end));
    }
    events.sort(Map.Entry.comparingByKey(Comparator.naturalOrder()));
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<Long, ObjectNode> e : events) {
      String line = SampleJson.line(e.getValue());
      sb.append(line).append('\n');
      sink.event(e.getKey(), line);
    }
    try {
      Files.writeString(dir.resolve("events.jsonl"), sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write events of " + dir, e);
    }
    return events.size();
  }

  private void writeManifest() {
    ObjectNode m = SampleJson.object();
    m.put("format", "neo-fleet-bundle");
    m.put("format_version", 1);
    m.put("robot_id", plan.robotId());
    m.put("robot_model", "neo");
    m.put("session_id", plan.sessionId());
    m.put("software_version", plan.softwareVersion());
    m.put("start_ts_ns", plan.startTsNs());
    m.put("end_ts_ns", plan.tsNs(plan.durationS()));
    ArrayNode streams = m.putArray("streams");
    for (FleetLayout.StreamSpec spec : FleetLayout.STREAMS) {
      ObjectNode s = streams.addObject();
      s.put("name", spec.name());
      s.put("kind", spec.kind().id);
      s.put("file", spec.file());
      s.put("rate_hz", spec.rateHz());
      s.put("clock_offset_ns", plan.clockOffsetsNs().get(spec.name()));
      switch (spec.kind()) {
        case JOINT_STATE, JOINT_COMMAND -> {
          ArrayNode names = s.putArray("joint_names");
          motion.jointNames().forEach(names::add);
        }
        case WRENCH -> s.put("frame", spec.side().label + "_wrist");
        case TACTILE -> {
          s.put("taxels", FleetLayout.TAXELS);
          s.put("frame", spec.side().label + "_palm");
        }
      }
    }
    ArrayNode cams = m.putArray("cameras");
    for (FleetLayout.CameraSpec cam : FleetLayout.CAMERAS) {
      ObjectNode c = cams.addObject();
      c.put("name", hasFault(FaultKind.CAMERA_NAME_INVALID, cam.name()) ? invalidName(cam.name()) : cam.name());
      c.put("file", cam.file());
      c.put("frames", cam.framesFile());
      c.put("fps", cam.fps());
      c.put("clock_offset_ns", plan.clockOffsetsNs().get(cam.name()));
    }
    SampleJson.writePretty(dir.resolve("manifest.json"), m);
  }

  // ---------------------------------------------------------------- file-level faults

  private void damageFiles() {
    SplittableRandom rng = Seeds.random(plan.seed(), "damage", 0);
    for (Plans.FaultSpec f : plan.faults()) {
      switch (f.kind()) {
        case MANIFEST_INVALID -> {
          FileDamage.truncate(dir.resolve("manifest.json"), 0.6);
          planted.add(fault(f.kind(), "manifest.json", null, null, null, null, null, 0));
        }
        case ARROW_TRUNCATED -> {
          String file = FleetLayout.stream(f.stream()).file();
          FileDamage.truncate(dir.resolve(file), 0.55);
          planted.add(fault(f.kind(), file, f.stream(), null, null, null, null, 0));
        }
        case ARROW_CORRUPT -> {
          String file = FleetLayout.stream(f.stream()).file();
          long size = FileDamage.size(dir.resolve(file));
          FileDamage.overwrite(dir.resolve(file), 0, (int) Math.min(4096, size / 4), rng);
          planted.add(fault(f.kind(), file, f.stream(), null, null, null, null, 0));
        }
        case STREAM_MISSING -> {
          String file = FleetLayout.stream(f.stream()).file();
          FileDamage.delete(dir.resolve(file));
          planted.add(fault(f.kind(), file, f.stream(), null, null, null, null, 0));
        }
        case VIDEO_TRUNCATED -> {
          String file = "cameras/" + f.stream() + ".mp4";
          FileDamage.truncate(dir.resolve(file), 0.5);
          planted.add(fault(f.kind(), file, f.stream(), null, null, null, null, 0));
        }
        case VIDEO_CORRUPT -> {
          String file = "cameras/" + f.stream() + ".mp4";
          Path p = dir.resolve(file);
          long size = FileDamage.size(p);
          FileDamage.overwrite(p, 0, 4096, rng);
          FileDamage.overwrite(p, Math.max(4096, size - 4096), 4096, rng);
          planted.add(fault(f.kind(), file, f.stream(), null, null, null, null, 0));
        }
        case CAMERA_NAME_INVALID -> planted.add(fault(f.kind(), "manifest.json", invalidName(f.stream()), null, null,
            null, null, 0));
        case EVENTS_SYMLINK -> {
          linkEventsOutside();
          planted.add(fault(f.kind(), "events.jsonl", null, null, null, null, null, 0));
        }
        case DUPLICATE_SESSION -> planted.add(copyUnderAnotherRobot(f.kind()));
        default -> {
          // row-level faults were applied while writing the stream
        }
      }
    }
  }

  /** The planted invalid camera name: {@code wrist_right} becomes {@code wrist.right}. */
  static String invalidName(String camera) {
    return camera.replace('_', '.');
  }

  /** Replaces events.jsonl by a relative link to a file at the sample root, outside the landing zone. */
  private void linkEventsOutside() {
    Path target = root.resolve(SampleReport.SYMLINK_TARGET_FILE);
    Path link = dir.resolve("events.jsonl");
    try {
      Files.writeString(target, "This file is outside the landing zone. Ingest must never read it through a link.\n",
          StandardCharsets.UTF_8);
      Files.delete(link);
      Files.createSymbolicLink(link, link.getParent().relativize(target));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot plant the events.jsonl link in " + dir, e);
    }
  }

  /**
   * Copies the whole bundle under a second robot folder and changes only {@code robot_id} in the copy's manifest,
   * as a mis-sorted upload would; the fault names the copy (the original keeps its place).
   */
  private PlantedFault copyUnderAnotherRobot(FaultKind kind) {
    String otherRobot = String.format("neo-%04d", Integer.parseInt(plan.robotId().substring(4)) % 3 + 1);
    String copyDir = "fleet/date=" + date + "/" + otherRobot + "/" + plan.sessionId();
    Path copy = root.resolve(copyDir);
    try (java.util.stream.Stream<Path> walk = Files.walk(dir)) {
      Files.createDirectories(copy.getParent());
      for (Path p : walk.sorted().toList()) {
        Files.copy(p, copy.resolve(dir.relativize(p).toString()));
      }
      ObjectNode manifest = (ObjectNode) SampleJson.MAPPER.readTree(copy.resolve("manifest.json").toFile());
      manifest.put("robot_id", otherRobot);
      SampleJson.writePretty(copy.resolve("manifest.json"), manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + dir + " to " + copy, e);
    }
    return new PlantedFault(null, kind, copyDir, otherRobot, plan.sessionId(), null, null, null, null, null, null,
        null, 0);
  }

  private void record(FaultKind kind, String file, String stream, StreamFault f, String joint) {
    Plans.Episode e = episodeOf(kind, stream);
    planted.add(fault(kind, file, stream, e == null ? null : e.episodeId(), joint, f.windowStart(), f.windowEnd(),
        f.affectedRows()));
  }

  private Plans.Episode episodeOf(FaultKind kind, String stream) {
    for (Plans.FaultSpec f : plan.faults()) {
      if (f.kind() == kind && stream.equals(f.stream()) && f.episode() >= 0) {
        return plan.episodes().get(f.episode());
      }
    }
    return null;
  }

  private PlantedFault fault(FaultKind kind, String file, String stream, String episodeId, String joint,
      Long windowStart, Long windowEnd, int affectedRows) {
    String path = plan.relativeDir(date) + "/" + file;
    return new PlantedFault(null, kind, path, plan.robotId(), plan.sessionId(), null, null, episodeId, stream, joint,
        windowStart, windowEnd, affectedRows);
  }
}
