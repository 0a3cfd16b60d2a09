package ai.curate.jobs.mcap;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import ai.curate.jobs.fleet.FleetSchemas;
import ai.curate.jobs.fleet.StreamKind;
import ai.curate.jobs.fleet.StreamStats;
import ai.curate.jobs.landing.LandingZone;
import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.ledger.IngestErrorLedger;
import ai.curate.jobs.stages.CountingStage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.SerializableConfiguration;
import org.apache.spark.util.TaskCompletionListener;

/**
 * {@code ingest-mcap}: the MCAP recordings of one date ({@code <raw>/mcap/date=D/<recording>/}) into the fleet
 * bronze tables {@code ingest-fleet} writes, so {@code align}, {@code quality} and {@code publish} read MCAP sessions
 * unchanged; every channel into {@code bronze.mcap_channels}; everything unreadable into {@code bronze.ingest_errors}.
 *
 * <p>One task per recording plans it ({@link McapPlanner}); then one task per run of chunks reads one stream kind
 * ({@link McapRowReader}), so a long recording is many tasks. The file-order flags ({@code duplicate_ts},
 * {@code out_of_order}) need each stream's previous sample, which may lie in another task: each task reads it from
 * the chunk before it that holds the stream (the planner names that chunk), so the streams need no shuffle. Camera
 * frame indexes count from the recording's start: a window over (session, camera) in file order computes them (and
 * the cameras' flags) on the few, narrow camera rows. Each table's rows with
 * {@code raw_format = 'mcap'} for the date are replaced in one commit; the bundle rows are left to
 * {@code ingest-fleet}, which runs first (both write the same tables: running them at once would conflict).
 */
public final class McapIngestStage extends CountingStage {
  public static final String NAME = "ingest-mcap";
  public static final String ZONE = "mcap";

  private static final List<StreamKind> KINDS = List.of(StreamKind.JOINT_STATE, StreamKind.JOINT_COMMAND,
      StreamKind.WRENCH, StreamKind.TACTILE, StreamKind.CAMERA_FRAMES);

  public McapIngestStage() {
    super(NAME);
  }

  @Override
  protected void run(StageContext ctx, StageResult.Builder result) {
    LandingZone.Listing listing = LandingZone.scanDateFlatIfPresent(ctx.spark().sparkContext().hadoopConfiguration(),
        ctx.config().paths().raw(), ZONE, ctx.date());
    if (listing.units().isEmpty() && listing.links().isEmpty() && !hasMcapRows(ctx)) {
      // No recordings now and none ingested before: nothing to write, and no empty commits on every daily run.
      result.count("recordings", 0).count("sessions", 0).count("unreadable", 0).count("rows", 0)
          .count("ledger_errors", 0);
      return;
    }
    McapIngestSettings settings = McapIngestSettings.from(ctx.config());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    McapPlanner planner = new McapPlanner(settings);
    Date date = Date.valueOf(ctx.date());
    int days = (int) ctx.date().toEpochDay();

    List<String> recordings = listing.units().stream().map(LandingZone.UnitFolder::path).toList();
    List<McapPlan> linked = listing.links().stream().map(l -> McapPlanner.rejected(l.path(), List.of(
        McapIngestErrors.of(l.path(), null, null, McapIngestErrors.SYMLINK_SKIPPED, "the recording folder is a"
            + " symbolic link and is not followed: move the recording into the landing zone"))))
        .toList();
    Set<String> bundleSessions = bundleSessions(ctx);
    JavaRDD<McapPlan> plans = jsc.parallelize(recordings, Math.max(1, recordings.size()))
        .map(planner::plan)
        .union(jsc.parallelize(linked, 1))
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    try {
      List<McapPlan> planned = screen(plans.collect(), bundleSessions);
      List<McapPlan.ReadTask> tasks = new ArrayList<>();
      planned.stream().filter(p -> p.session() != null).forEach(p -> tasks.addAll(p.tasks()));
      tasks.sort(Comparator.comparing(McapPlan.ReadTask::file).thenComparingInt(McapPlan.ReadTask::firstBatch));

      CollectionAccumulator<IngestError> readErrors = ctx.spark().sparkContext()
          .collectionAccumulator(NAME + " read errors");
      Broadcast<List<String>> joints = jsc.broadcast(settings.jointNames());
      for (StreamKind kind : KINDS) {
        write(ctx, kind.table, streamRows(ctx, jsc, tasks, kind, days, joints, readErrors), true);
      }
      List<McapCameraVideos.Result> remuxed = remuxCameras(ctx, jsc, planned, tasks, days, joints);
      Map<String, McapCameraVideos.Result> videoOf = new HashMap<>();
      remuxed.forEach(r -> videoOf.put(r.key(), r));
      List<IngestError> taskErrors = new ArrayList<>(new LinkedHashSet<>(readErrors.value()));
      remuxed.stream().map(McapCameraVideos.Result::error).filter(java.util.Objects::nonNull)
          .forEach(taskErrors::add);
      taskErrors.sort(Comparator.comparing(IngestError::sourcePath).thenComparing(IngestError::message));
      Map<String, List<IngestError>> bySession = new HashMap<>();
      taskErrors.forEach(e -> bySession.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e));

      HashMap<StreamStats.Key, StreamStats.Stats> stats = StreamStats.collect(ctx);
      List<Row> sessions = new ArrayList<>();
      List<Row> events = new ArrayList<>();
      List<Row> videos = new ArrayList<>();
      List<Row> channels = new ArrayList<>();
      List<IngestError> planErrors = new ArrayList<>();
      for (McapPlan p : planned) {
        planErrors.addAll(p.errors());
        channels.addAll(McapRows.channels(p, date));
        if (p.session() != null) {
          sessions.add(McapRows.session(p, date, stats, bySession.getOrDefault(p.session().sessionId(), List.of()),
              settings.jointNames()));
          events.addAll(McapRows.events(p, date));
          videos.addAll(McapRows.videos(p, date, stats, videoOf));
        }
      }
      write(ctx, Tables.SESSIONS, ctx.spark().createDataFrame(sessions, FleetSchemas.SESSIONS), false);
      write(ctx, Tables.EVENTS, ctx.spark().createDataFrame(events, FleetSchemas.EVENTS), false);
      write(ctx, Tables.VIDEOS, ctx.spark().createDataFrame(videos, FleetSchemas.VIDEOS), false);
      ctx.replaceSlice(Tables.MCAP_CHANNELS, ctx.withRunMetadata(ctx.spark().createDataFrame(channels,
          McapSchemas.CHANNELS), "ingested_at"));

      List<IngestError> all = new ArrayList<>(new LinkedHashSet<>(planErrors));
      all.addAll(taskErrors);
      IngestErrorLedger.replace(ctx, NAME, ctx.spark().createDataFrame(IngestErrorLedger.toRows(all),
          IngestErrorLedger.ERROR_SCHEMA));

      // The tables no longer name them: re-muxed videos of recordings that left the landing zone go.
      try {
        McapCameraVideos.removeStale(ctx.spark().sparkContext().hadoopConfiguration(),
            ctx.config().paths().warehouse(), ctx.date(), remuxed);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot remove stale MCAP camera videos of " + ctx.date() + ": "
            + e.getMessage(), e);
      }

      long rows = stats.entrySet().stream().filter(e -> planned.stream().anyMatch(p -> p.session() != null
          && p.session().sessionId().equals(e.getKey().sessionId())
          && p.session().robotId().equals(e.getKey().robotId()))).mapToLong(e -> e.getValue().rows()).sum();
      long readable = planned.stream().filter(p -> p.session() != null).count();
      result.count("recordings", planned.size())
          .count("sessions", readable)
          .count("unreadable", planned.size() - readable)
          .count("rows", rows)
          .count("ledger_errors", all.size())
          .count("camera_videos", remuxed.stream().filter(r -> r.relativePath() != null).count());
    } finally {
      plans.unpersist(false);
    }
  }

  /**
   * Re-muxes every camera of the ingested recordings into its MP4 ({@link McapCameraVideos}), one task per camera;
   * returns one small result per camera.
   */
  private static List<McapCameraVideos.Result> remuxCameras(StageContext ctx, JavaSparkContext jsc,
      List<McapPlan> planned, List<McapPlan.ReadTask> tasks, int days, Broadcast<List<String>> joints) {
    List<McapCameraVideos.Job> jobs = McapCameraVideos.jobs(planned, tasks, ctx.date());
    if (jobs.isEmpty()) {
      return List.of();
    }
    Broadcast<SerializableConfiguration> conf = jsc.broadcast(
        new SerializableConfiguration(ctx.spark().sparkContext().hadoopConfiguration()));
    String warehouse = ctx.config().paths().warehouse();
    try {
      // Small: one path, a count and at most one ledger row per camera.
      return jsc.parallelize(jobs, jobs.size())
          .map(j -> McapCameraVideos.remux(j, days, joints.value(), conf.value().value(), warehouse)).collect();
    } finally {
      conf.destroy();
    }
  }

  /**
   * Leaves out a recording whose session is also a bundle of the date, or is named by another recording: a session
   * lands once (the ledger names every copy).
   */
  private static List<McapPlan> screen(List<McapPlan> plans, Set<String> bundleSessions) {
    Map<String, Integer> seen = new HashMap<>();
    for (McapPlan p : plans) {
      if (p.session() != null) {
        seen.merge(p.session().robotId() + "/" + p.session().sessionId(), 1, Integer::sum);
      }
    }
    List<McapPlan> out = new ArrayList<>();
    for (McapPlan p : plans) {
      if (p.session() == null) {
        out.add(p);
        continue;
      }
      String key = p.session().robotId() + "/" + p.session().sessionId();
      String why = bundleSessions.contains(key)
          ? "is also a fleet bundle of this date (ingest-fleet has it)"
          : seen.get(key) > 1 ? "is named by " + seen.get(key) + " recordings of this date" : null;
      if (why == null) {
        out.add(p);
        continue;
      }
      List<IngestError> errors = new ArrayList<>(p.errors());
      errors.add(McapIngestErrors.of(p.recording(), p.session().sessionId(), null,
          McapIngestErrors.DUPLICATE_SESSION_ID, "session " + key + " " + why + ": this recording is not ingested,"
              + " so no session lands twice; remove the extra copy and rerun the date"));
      out.add(new McapPlan(p.recording(), null, p.channels(), List.of(), List.of(), List.of(), List.of(),
          List.copyOf(errors)));
    }
    return out;
  }

  /** The rows of one kind: read by task, then flagged in file order per (session, stream). */
  private static Dataset<Row> streamRows(StageContext ctx, JavaSparkContext jsc, List<McapPlan.ReadTask> tasks,
      StreamKind kind, int days, Broadcast<List<String>> joints, CollectionAccumulator<IngestError> errors) {
    StructType raw = McapSchemas.raw(kind);
    List<McapPlan.ReadTask> ofKind = tasks.stream()
        .filter(t -> t.routes().values().stream().anyMatch(r -> r.kind() == kind)).toList();
    Dataset<Row> rows;
    if (ofKind.isEmpty()) {
      rows = ctx.spark().createDataFrame(List.of(), raw);
    } else {
      JavaRDD<Row> read = jsc.parallelize(ofKind, ofKind.size()).mapPartitions(it -> {
        List<java.util.Iterator<Row>> parts = new ArrayList<>();
        while (it.hasNext()) {
          McapRowReader reader = new McapRowReader(it.next(), kind, days, joints.value(), errors::add);
          TaskContext task = TaskContext.get();
          if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) c -> reader.close());
          }
          parts.add(reader);
        }
        return parts.stream().flatMap(r -> {
          Iterable<Row> once = () -> r;
          return java.util.stream.StreamSupport.stream(once.spliterator(), false);
        }).iterator();
      });
      rows = ctx.spark().createDataFrame(read, raw);
    }
    Dataset<Row> flagged = rows;
    if (kind == StreamKind.CAMERA_FRAMES) {
      // Frame indexes count a camera's frames from the recording's start, across tasks: a window in file order.
      // Camera rows are few and narrow (a camera's rate, no arrays); the streams are flagged as they are read.
      WindowSpec fileOrder = Window.partitionBy(col("robot_id"), col("session_id"), col("camera"))
          .orderBy(col("batch_index"), col("batch_row"));
      Column ts = col(kind.tsColumn);
      Column previous = lag(ts, 1).over(fileOrder);
      flagged = rows
          .withColumn("duplicate_ts", coalesce(ts.equalTo(previous), lit(false)))
          .withColumn("out_of_order", coalesce(ts.lt(previous), lit(false)))
          .withColumn("frame_index", row_number().over(fileOrder).minus(1));
    }
    List<Column> columns = new ArrayList<>();
    for (String c : FleetSchemas.stream(kind).fieldNames()) {
      columns.add(col(c));
    }
    columns.add(lit(FleetSchemas.FORMAT_MCAP).as(FleetSchemas.RAW_FORMAT));
    columns.add(col(FleetSchemas.MCAP_FILE));
    columns.add(col(FleetSchemas.MCAP_OFFSET));
    return flagged.select(columns.toArray(new Column[0]));
  }

  private static void write(StageContext ctx, TableId table, Dataset<Row> rows, boolean formatted) {
    Dataset<Row> withFormat = formatted ? rows : FleetSchemas.withFormat(rows, FleetSchemas.FORMAT_MCAP, false);
    ctx.replaceSlice(table, ctx.withRunMetadata(withFormat, "ingested_at"),
        FleetSchemas.ownedBy(FleetSchemas.FORMAT_MCAP));
  }

  /** Whether an earlier run left MCAP sessions for the date (a rerun must then replace them, even with nothing). */
  private static boolean hasMcapRows(StageContext ctx) {
    if (!ctx.tables().exists(Tables.SESSIONS)) {
      return false;
    }
    Dataset<Row> sessions = ctx.readSlice(Tables.SESSIONS);
    if (!java.util.Arrays.asList(sessions.columns()).contains(FleetSchemas.RAW_FORMAT)) {
      return false;
    }
    return !sessions.where(col(FleetSchemas.RAW_FORMAT).equalTo(FleetSchemas.FORMAT_MCAP)).isEmpty()
        || (ctx.tables().exists(Tables.MCAP_CHANNELS) && !ctx.readSlice(Tables.MCAP_CHANNELS).isEmpty());
  }

  /** (robot/session) of the date's bundle sessions, which this stage must not ingest a second time. */
  private static Set<String> bundleSessions(StageContext ctx) {
    Set<String> out = new HashSet<>();
    if (!ctx.tables().exists(Tables.SESSIONS)) {
      return out;
    }
    Dataset<Row> sessions = ctx.readSlice(Tables.SESSIONS);
    if (java.util.Arrays.asList(sessions.columns()).contains(FleetSchemas.RAW_FORMAT)) {
      sessions = sessions.where(col(FleetSchemas.RAW_FORMAT).notEqual(FleetSchemas.FORMAT_MCAP)
          .or(col(FleetSchemas.RAW_FORMAT).isNull()));
    }
    // One row per session of the date: small, bounded by the fleet's daily session count.
    for (Row r : sessions.select("robot_id", "session_id").collectAsList()) {
      out.add(r.getString(0) + "/" + r.getString(1));
    }
    return out;
  }
}
