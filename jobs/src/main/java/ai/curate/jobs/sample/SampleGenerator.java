package ai.curate.jobs.sample;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.mcap.McapWriterOptions;
import ai.curate.retargeting.urdf.RobotModel;
import ai.curate.retargeting.urdf.UrdfParser;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Generates a raw landing zone for one date: clean fleet sessions and human clips, plus (with faults) extra
 * sessions and clips that each carry known defects, listed in {@value SampleReport#FAULTS_FILE}. Everything is a
 * function of the options: the same seed gives byte-identical files (MP4s included: bit-exact encoding).
 */
public final class SampleGenerator {
  private static final String[] DATASETS = {"ego-kitchen", "ego-workshop"};

  /** Faulty sessions: each list is one session's defects; row-level defects sit in different episodes. */
  static final List<List<Plans.FaultSpec>> FAULT_SESSIONS = List.of(
      List.of(new Plans.FaultSpec(FaultKind.MANIFEST_INVALID, null, -1)),
      List.of(new Plans.FaultSpec(FaultKind.ARROW_TRUNCATED, "wrench_left", -1),
          new Plans.FaultSpec(FaultKind.STREAM_MISSING, "tactile_right", -1),
          new Plans.FaultSpec(FaultKind.VIDEO_TRUNCATED, "head", -1)),
      List.of(new Plans.FaultSpec(FaultKind.ARROW_CORRUPT, "tactile_left", -1),
          new Plans.FaultSpec(FaultKind.LIST_WIDTH_MISMATCH, "action", -1),
          new Plans.FaultSpec(FaultKind.VIDEO_CORRUPT, "wrist_right", -1)),
      List.of(new Plans.FaultSpec(FaultKind.NAN_VALUES, "joint_state", 0),
          new Plans.FaultSpec(FaultKind.TIMESTAMP_GAP, "joint_state", 1)),
      List.of(new Plans.FaultSpec(FaultKind.FROZEN_SENSOR, "joint_state", 0),
          new Plans.FaultSpec(FaultKind.TIMESTAMP_REORDER, "wrench_right", 1),
          new Plans.FaultSpec(FaultKind.TIMESTAMP_DUPLICATE, "tactile_left", 1)),
      List.of(new Plans.FaultSpec(FaultKind.DUPLICATE_SESSION, null, -1)),
      List.of(new Plans.FaultSpec(FaultKind.CAMERA_NAME_INVALID, "wrist_right", -1),
          new Plans.FaultSpec(FaultKind.EVENTS_SYMLINK, null, -1)));

  static final List<FaultKind> FAULT_CLIPS = List.of(
      FaultKind.DARK_VIDEO, FaultKind.BLURRED_VIDEO, FaultKind.LOW_POSE_CONFIDENCE, FaultKind.MISSING_CONSENT);

  /** Where MCAP sessions are generated as bundles first (a dot folder: no zone reads it); removed afterwards. */
  static final String MCAP_STAGING = ".mcap-staging";

  public SampleReport generate(SampleOptions options) {
    long started = System.nanoTime();
    RobotModel robot = loadRobot(options.urdf());
    String date = options.date().toString();
    Path out = options.out().toAbsolutePath().normalize();
    clearDate(out, date);

    SessionPlanner planner = new SessionPlanner(options.seed(), options.date(), options.sessionSeconds());
    List<Plans.Session> sessions = new ArrayList<>();
    for (int i = 0; i < options.sessions(); i++) {
      sessions.add(planner.plan("session", i, i, List.of()));
    }
    if (options.faults()) {
      for (int k = 0; k < FAULT_SESSIONS.size(); k++) {
        sessions.add(planner.plan("fault-session", k, options.sessions() + k, FAULT_SESSIONS.get(k)));
      }
    }
    List<Plans.Clip> clips = new ArrayList<>();
    for (int i = 0; i < options.clips(); i++) {
      clips.add(planClip(options, "clip", i, List.of()));
    }
    if (options.faults()) {
      for (int k = 0; k < FAULT_CLIPS.size(); k++) {
        clips.add(planClip(options, "fault-clip", k, List.of(new Plans.FaultSpec(FAULT_CLIPS.get(k), null, -1))));
      }
    }

    List<FleetSessionWriter.Result> sessionResults = new ArrayList<>();
    List<HumanClipWriter.Result> clipResults = new ArrayList<>();
    ExecutorService pool = Executors
        .newFixedThreadPool(Math.min(options.threads(), Math.max(1, sessions.size() + clips.size())));
    try {
      List<Future<FleetSessionWriter.Result>> sf = new ArrayList<>();
      for (int i = 0; i < sessions.size(); i++) {
        Plans.Session s = sessions.get(i);
        int index = i;
        sf.add(pool.submit(() -> options.format() == SampleFormat.MCAP
            ? writeMcap(out, date, s, new NeoMotion(robot, s), index)
            : new FleetSessionWriter(out, date, s, new NeoMotion(robot, s)).write()));
      }
      List<Future<HumanClipWriter.Result>> cf = new ArrayList<>();
      for (int i = 0; i < clips.size(); i++) {
        Plans.Clip c = clips.get(i);
        // Clean clips in the requested layout; clips with planted faults stay clip folders (their faults are theirs).
        String stem = options.humanFormat() == SampleOptions.HumanFormat.EGODEX && c.faults().isEmpty()
            ? Integer.toString(i)
            : null;
        cf.add(pool.submit(() -> new HumanClipWriter(out, date, c, stem).write()));
      }
      for (Future<FleetSessionWriter.Result> f : sf) {
        sessionResults.add(await(f));
      }
      for (Future<HumanClipWriter.Result> f : cf) {
        clipResults.add(await(f));
      }
    } finally {
      pool.shutdownNow();
    }
    // Only after success: a failed run may leave writers behind; the next run clears the staging folder first.
    deleteTree(out.resolve(MCAP_STAGING));

    List<PlantedFault> faults = numberFaults(sessionResults, clipResults);
    String codec = Stream.concat(sessionResults.stream().map(FleetSessionWriter.Result::videoCodec),
        clipResults.stream().map(HumanClipWriter.Result::videoCodec)).filter(c -> c != null).findFirst().orElse("none");
    SampleReport report = new SampleReport(out, date,
        sessionResults.stream().map(r -> new SampleReport.SessionSummary(r.plan().robotId(), r.plan().sessionId(),
            r.relativeDir(), r.plan().faults().isEmpty(), r.streamRows(), r.cameraFrames(),
            r.plan().episodes().stream().map(Plans.Episode::episodeId).toList())).toList(),
        clipResults.stream().map(r -> new SampleReport.ClipSummary(r.dataset(), r.clipId(),
            r.relativeDir(), r.plan().faults().isEmpty(), r.frames())).toList(),
        faults, codec, (System.nanoTime() - started) / 1_000_000);
    writeSummary(out, options, sessionResults, clipResults, codec);
    writeFaults(out, options, faults);
    return report;
  }

  /**
   * Writes a session as MCAP: the bundle writer generates it into a staging folder (so the MCAP file gets exactly
   * the bundle's samples) and hands every sample to the MCAP writer; the staged bundle is then removed. Sessions
   * alternate between zstd and lz4 chunks, so a sample of two sessions or more holds both.
   */
  private static FleetSessionWriter.Result writeMcap(Path out, String date, Plans.Session plan, NeoMotion motion,
      int index) throws IOException {
    String relativeDir = McapSessionWriter.relativeDir(date, plan);
    Path staging = out.resolve(MCAP_STAGING).resolve(plan.sessionId());
    Path spools = Files.createDirectories(staging.resolve("spools"));
    McapWriterOptions.Compression compression = index % 2 == 0
        ? McapWriterOptions.Compression.ZSTD
        : McapWriterOptions.Compression.LZ4;
    McapSessionWriter mcap = new McapSessionWriter(out.resolve(relativeDir).resolve(plan.sessionId() + ".mcap"),
        spools, plan, motion.jointNames(), compression);
    FleetSessionWriter.Result bundle = new FleetSessionWriter(staging, date, plan, motion, mcap).write();
    deleteTree(staging);
    return new FleetSessionWriter.Result(plan, relativeDir, bundle.streamRows(), bundle.cameraFrames(),
        McapSessionWriter.IMAGE_FORMAT, bundle.events(), bundle.faults());
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(p)) {
      for (Path q : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + p, e);
    }
  }

  private static RobotModel loadRobot(Path urdf) {
    if (urdf == null || !Files.isRegularFile(urdf)) {
      throw CurateErrors.optionInvalid("--urdf", "robot model not found: " + urdf
          + " (the generator names joint streams after the URDF's actuated joints; pass --urdf FILE)");
    }
    return UrdfParser.parse(urdf);
  }

  /** Replaces the date's sample: stale sessions from an earlier, larger run must not linger. */
  private static void clearDate(Path out, String date) {
    for (String zone : List.of("fleet", "mcap", "human", "egodex")) {
      deleteTree(out.resolve(zone).resolve("date=" + date));
    }
    deleteTree(out.resolve(MCAP_STAGING));
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw CurateErrors.outputFolderNotCreated(out, e);
    }
  }

  private static Plans.Clip planClip(SampleOptions options, String label, int index, List<Plans.FaultSpec> faults) {
    SplittableRandom rng = Seeds.random(options.seed(), label, index);
    long seed = rng.nextLong();
    String clipId = "clip-" + Seeds.uuid(rng);
    TaskCatalog.Task task = TaskCatalog.HUMAN_TASKS.get(rng.nextInt(TaskCatalog.HUMAN_TASKS.size()));
    return new Plans.Clip(DATASETS[index % DATASETS.length], clipId, options.clipSeconds(), seed, task, "CC-BY-4.0",
        faults);
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while generating the sample", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException("generating the sample failed: " + cause, cause);
    }
  }

  private static List<PlantedFault> numberFaults(List<FleetSessionWriter.Result> sessions,
      List<HumanClipWriter.Result> clips) {
    List<PlantedFault> all = new ArrayList<>();
    sessions.forEach(r -> all.addAll(r.faults()));
    clips.forEach(r -> all.addAll(r.faults()));
    List<PlantedFault> numbered = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      PlantedFault f = all.get(i);
      numbered.add(new PlantedFault(String.format("F%02d", i + 1), f.kind(), f.path(), f.robotId(), f.sessionId(),
          f.dataset(), f.clipId(), f.episodeId(), f.stream(), f.joint(), f.windowStartTsNs(), f.windowEndTsNs(),
          f.affectedRows()));
    }
    return numbered;
  }

  private static void writeSummary(Path out, SampleOptions options, List<FleetSessionWriter.Result> sessions,
      List<HumanClipWriter.Result> clips, String codec) {
    ObjectNode root = SampleJson.object();
    root.put("format", "curate-sample-summary");
    root.put("format_version", 1);
    root.put("date", options.date().toString());
    root.put("seed", options.seed());
    root.put("session_seconds", options.sessionSeconds());
    root.put("clip_seconds", options.clipSeconds());
    root.put("faults", options.faults());
    root.put("video_codec", codec);
    ArrayNode ss = root.putArray("sessions");
    for (FleetSessionWriter.Result r : sessions) {
      Plans.Session p = r.plan();
      ObjectNode s = ss.addObject();
      s.put("robot_id", p.robotId());
      s.put("session_id", p.sessionId());
      s.put("path", r.relativeDir());
      s.put("clean", p.faults().isEmpty());
      s.put("start_ts_ns", p.startTsNs());
      s.put("end_ts_ns", p.tsNs(p.durationS()));
      ObjectNode streams = s.putObject("streams");
      r.streamRows().forEach((name, rows) -> streams.putObject(name).put("rows", rows)
          .put("clock_offset_ns", p.clockOffsetsNs().get(name)));
      ObjectNode cams = s.putObject("cameras");
      r.cameraFrames().forEach((name, frames) -> cams.putObject(name).put("frames", frames)
          .put("clock_offset_ns", p.clockOffsetsNs().get(name)));
      s.put("events", r.events());
      ArrayNode eps = s.putArray("episodes");
      for (Plans.Episode e : p.episodes()) {
        eps.addObject().put("episode_id", e.episodeId()).put("task", e.task().name())
            .put("start_ts_ns", p.tsNs(e.startS())).put("end_ts_ns", p.tsNs(e.endS())).put("success", e.success());
      }
    }
    ArrayNode cs = root.putArray("clips");
    for (HumanClipWriter.Result r : clips) {
      cs.addObject().put("dataset", r.dataset()).put("clip_id", r.clipId()).put("path", r.relativeDir())
          .put("clean", r.plan().faults().isEmpty()).put("task", r.plan().task().name()).put("frames", r.frames())
          .put("fps", HumanClipWriter.FPS);
    }
    SampleJson.writePretty(out.resolve(SampleReport.SUMMARY_FILE), root);
  }

  private static void writeFaults(Path out, SampleOptions options, List<PlantedFault> faults) {
    ObjectNode root = SampleJson.object();
    root.put("format", "curate-planted-faults");
    root.put("format_version", 1);
    root.put("date", options.date().toString());
    root.put("seed", options.seed());
    ArrayNode list = root.putArray("faults");
    for (PlantedFault f : faults) {
      ObjectNode n = list.addObject();
      n.put("id", f.id());
      n.put("kind", f.kind().id);
      n.put("target", f.kind().target.name().toLowerCase(java.util.Locale.ROOT));
      n.put("path", f.path());
      n.put("robot_id", f.robotId());
      n.put("session_id", f.sessionId());
      n.put("dataset", f.dataset());
      n.put("clip_id", f.clipId());
      n.put("episode_id", f.episodeId());
      n.put("stream", f.stream());
      n.put("joint", f.joint());
      n.put("window_start_ts_ns", f.windowStartTsNs());
      n.put("window_end_ts_ns", f.windowEndTsNs());
      n.put("affected_rows", f.affectedRows());
      n.put("expected_ledger_kind", f.kind().expectedLedgerKind);
      n.put("expected_row_flag", f.kind().expectedRowFlag);
      n.put("expected_quality_rule", f.kind().expectedQualityRule);
      n.put("description", f.kind().description);
    }
    SampleJson.writePretty(out.resolve(SampleReport.FAULTS_FILE), root);
  }
}
