package ai.curate.jobs.fleet;

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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.apache.spark.util.SerializableConfiguration;

/**
 * {@code ingest-fleet}: the fleet session bundles of one date into bronze tables ({@code sessions},
 * {@code joint_states}, {@code joint_commands}, {@code wrenches}, {@code tactile}, {@code camera_frames},
 * {@code videos}, {@code events}), and everything unreadable into {@code bronze.ingest_errors}.
 *
 * <p>The driver lists bundle folders only. One task per bundle plans it (manifest, Arrow footers, video probes,
 * events); then one task per slice of an Arrow file reads sample data, so a long stream is many tasks. Every table is
 * written by replacing the date's slice: a rerun of a date replaces what the previous run wrote. Every listed bundle
 * ends up in {@code bronze.sessions} or in the ledger, or both when part of it is damaged; bundles that share a
 * session id and symbolic links are left out before planning ({@link BundleScreen}).
 */
public final class FleetIngestStage extends CountingStage {
  public static final String NAME = "ingest-fleet";

  private final FleetIngestSettings settings;

  /** Settings from the config section {@code fleet_ingest} at run time. */
  public FleetIngestStage() {
    this(null);
  }

  public FleetIngestStage(FleetIngestSettings settings) {
    super(NAME);
    this.settings = settings;
  }

  @Override
  protected void run(StageContext ctx, StageResult.Builder result) {
    FleetIngestSettings s = settings != null ? settings : FleetIngestSettings.from(ctx.config().fleetIngest());
    Configuration hadoop = ctx.spark().sparkContext().hadoopConfiguration();
    BundleScreen screen = BundleScreen.of(listing(hadoop, ctx));
    List<BundleLocation> bundles = screen.toPlan();

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
    BundlePlanner planner = new BundlePlanner(s, ctx.config().paths().scratch());
    Date date = Date.valueOf(ctx.date());
    int days = (int) ctx.date().toEpochDay();

    JavaRDD<BundlePlan> plans = jsc.parallelize(bundles, Math.max(1, bundles.size()))
        .map(b -> planner.plan(b, conf.value().value()))
        .union(jsc.parallelize(screen.rejected(), 1))
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    try {
      List<StreamSlice> slices = new ArrayList<>(plans.flatMap(p -> p.slices().iterator()).collect());
      slices.sort(Comparator.comparing(StreamSlice::file).thenComparingInt(StreamSlice::firstBlock));
      CollectionAccumulator<IngestError> readErrors = ctx.spark().sparkContext()
          .collectionAccumulator(NAME + " read errors");
      for (StreamKind kind : StreamKind.values()) {
        List<StreamSlice> ofKind = slices.stream().filter(x -> x.kind() == kind).toList();
        write(ctx, kind.table, SliceRows.read(ctx.spark(), ofKind, kind, days, SliceReader.memoryLimit(s.sliceBytes()),
            conf, readErrors));
      }
      // Retried tasks may report a damaged batch twice; one ledger row per problem.
      List<IngestError> sliceErrors = new ArrayList<>(new LinkedHashSet<>(readErrors.value()));
      sliceErrors.sort(Comparator.comparing(IngestError::sourcePath).thenComparing(IngestError::message));

      HashMap<StreamStats.Key, StreamStats.Stats> stats = StreamStats.collect(ctx);
      Broadcast<HashMap<StreamStats.Key, StreamStats.Stats>> statsB = jsc.broadcast(stats);
      Broadcast<HashMap<String, List<IngestError>>> sliceErrorsB = jsc.broadcast(bySession(sliceErrors));

      JavaRDD<Row> sessionRows = plans.filter(p -> p.session() != null).map(p -> FleetRows.session(p, date,
          statsB.value(), sliceErrorsB.value().getOrDefault(p.session().manifest().sessionId(), List.of())));
      write(ctx, Tables.SESSIONS, frame(ctx, sessionRows, FleetSchemas.SESSIONS));
      write(ctx, Tables.EVENTS,
          frame(ctx, plans.flatMap(p -> FleetRows.events(p, date).iterator()), FleetSchemas.EVENTS));
      write(ctx, Tables.VIDEOS, frame(ctx, plans.flatMap(p -> FleetRows.videos(p, date, statsB.value()).iterator()),
          FleetSchemas.VIDEOS));

      JavaRDD<Row> planErrors = plans.flatMap(p -> p.errors().stream().map(IngestErrorLedger::toRow).iterator());
      JavaRDD<Row> readErrorRows = jsc.parallelize(sliceErrors.stream().map(IngestErrorLedger::toRow).toList(), 1);
      IngestErrorLedger.replace(ctx, NAME,
          ctx.spark().createDataFrame(planErrors.union(readErrorRows), IngestErrorLedger.ERROR_SCHEMA));

      List<int[]> outcomes = plans.map(p -> new int[] {p.session() == null ? 0 : 1, p.errors().size()}).collect();
      count(result, screen.bundles(), outcomes, sliceErrors, stats);
    } finally {
      plans.unpersist(false);
      conf.destroy();
    }
  }

  /**
   * The date's bundle folders. A date with MCAP recordings and no bundles is a fleet date too: then nothing is listed
   * (and the bundle part of the tables is emptied); with neither, the date folder is missing (a one-line error).
   */
  private static LandingZone.Listing listing(Configuration hadoop, StageContext ctx) {
    String raw = ctx.config().paths().raw();
    LandingZone.Listing bundles = LandingZone.scanDateIfPresent(hadoop, raw, "fleet", ctx.date());
    if (!bundles.units().isEmpty() || !bundles.links().isEmpty()) {
      return bundles;
    }
    org.apache.hadoop.fs.Path mcap = LandingZone.dateDir(raw, ai.curate.jobs.mcap.McapIngestStage.ZONE, ctx.date());
    try {
      if (mcap.getFileSystem(hadoop).exists(mcap)) {
        return bundles;
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot list " + mcap + ": " + e.getMessage(), e);
    }
    return LandingZone.scanDate(hadoop, raw, "fleet", ctx.date(), "fleet session");
  }

  private static HashMap<String, List<IngestError>> bySession(List<IngestError> errors) {
    HashMap<String, List<IngestError>> out = new HashMap<>();
    for (IngestError e : errors) {
      out.computeIfAbsent(e.sessionId(), k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  private static Dataset<Row> frame(StageContext ctx, JavaRDD<Row> rows, StructType schema) {
    return ctx.spark().createDataFrame(rows, schema);
  }

  /** Replaces the bundle rows of the date's slice: {@code ingest-mcap} owns the MCAP rows of the same tables. */
  private static void write(StageContext ctx, TableId table, Dataset<Row> rows) {
    boolean stream = java.util.Arrays.stream(StreamKind.values()).anyMatch(k -> k.table.equals(table));
    Dataset<Row> withRun = ctx.withRunMetadata(FleetSchemas.withFormat(rows, FleetSchemas.FORMAT_BUNDLE, stream),
        "ingested_at");
    ctx.replaceSlice(table, withRun, FleetSchemas.ownedBy(FleetSchemas.FORMAT_BUNDLE));
  }

  private static StageResult.Builder count(StageResult.Builder result, int bundles, List<int[]> outcomes,
      List<IngestError> sliceErrors, Map<StreamStats.Key, StreamStats.Stats> stats) {
    long readable = outcomes.stream().filter(o -> o[0] == 1).count();
    long planErrors = outcomes.stream().mapToLong(o -> o[1]).sum();
    Map<String, Long> rows = new LinkedHashMap<>();
    for (Map.Entry<StreamStats.Key, StreamStats.Stats> e : stats.entrySet()) {
      rows.merge("rows", e.getValue().rows(), Long::sum);
      rows.merge("flagged_rows", e.getValue().nanRows() + e.getValue().duplicateRows()
          + e.getValue().outOfOrderRows(), Long::sum);
    }
    return result.count("bundles", bundles)
        .count("sessions", readable)
        .count("unreadable", bundles - readable)
        .count("rows", rows.getOrDefault("rows", 0L))
        .count("flagged_rows", rows.getOrDefault("flagged_rows", 0L))
        .count("ledger_errors", planErrors + sliceErrors.size());
  }
}
