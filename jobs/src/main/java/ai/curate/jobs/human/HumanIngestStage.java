package ai.curate.jobs.human;

import ai.curate.jobs.config.Settings;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.landing.LandingZone;
import ai.curate.jobs.ledger.IngestErrorLedger;
import ai.curate.jobs.stages.CountingStage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import java.sql.Date;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;

/**
 * {@code ingest-human}: human clips of one date (clip folders and EgoDex recordings) into {@code bronze.human_clips}, {@code bronze.human_video_frames},
 * {@code bronze.human_poses}; the date's fleet camera videos, decoded the same way, into
 * {@code bronze.fleet_video_quality} and {@code bronze.fleet_video_frames}; and whatever could not be read into
 * {@code bronze.ingest_errors}.
 *
 * <p>The driver only lists clip folders; each clip is one task (videos are the unit of work and of failure), decoded
 * on an executor by {@link ClipIngester}. The per-clip results are cached once and split into the tables, each written
 * by replacing the date's slice, so a rerun of a date replaces what the previous run wrote. Every listed clip ends up
 * in {@code bronze.human_clips} or, rejected, in the ledger; the stage's counts say so.
 */
public final class HumanIngestStage extends CountingStage {
  public static final String NAME = "ingest-human";

  private final HumanIngestSettings settings;

  /** Settings from the config section {@code human_ingest} at run time. */
  public HumanIngestStage() {
    this(null);
  }

  public HumanIngestStage(HumanIngestSettings settings) {
    super(NAME);
    this.settings = settings;
  }

  /** The settings a run uses: those given to the constructor, else the config's {@code human_ingest}. */
  HumanIngestSettings settingsFor(StageContext ctx) {
    if (settings != null) {
      return settings;
    }
    return ctx.config().humanIngest() == null
        ? HumanIngestSettings.defaults()
        : HumanIngestSettings.from(ctx.config().humanIngest(), ctx.config().paths().warehouse());
  }

  @Override
  protected void run(StageContext ctx, StageResult.Builder result) {
    HumanIngestSettings settings = settingsFor(ctx);
    if (settings.faceBlur() != null) {
      // Checked at config load too; again here for settings given to the constructor.
      String problem = HumanIngestSettings.faceBlurOutputProblem(ctx.config().paths().raw(),
          settings.faceBlur().output());
      if (problem != null) {
        throw CurateErrors.badConfigValue(Settings.FACE_BLUR_OUTPUT.key(), problem);
      }
    }
    Configuration hadoop = ctx.spark().sparkContext().hadoopConfiguration();
    List<CameraVideoLocation> cameraVideos = new ArrayList<>();
    if (settings.fleetCameras()) {
      cameraVideos.addAll(CameraVideoLocation.list(hadoop, ctx.config().paths().raw(), ctx.date()));
      cameraVideos.addAll(CameraVideoLocation.mcap(ctx));
      CameraVideoLocation.sort(cameraVideos);
    }
    LandingZone.Listing egodex = LandingZone.scanDateFilesIfPresent(hadoop, ctx.config().paths().raw(),
        EgodexListing.ZONE, ctx.date());
    List<ClipLocation> recordings = EgodexListing.recordings(egodex.units());
    LandingZone.Listing listing = listClips(ctx, hadoop, !cameraVideos.isEmpty() || !recordings.isEmpty());
    List<ClipLocation> clips = new ArrayList<>();
    listing.units().forEach(f -> clips.add(new ClipLocation(f.group(), f.name(), f.path())));
    clips.addAll(recordings);

    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(ctx.spark().sparkContext());
    Broadcast<SerializableConfiguration> conf = jsc.broadcast(new SerializableConfiguration(hadoop));
    ClipIngester ingester = new ClipIngester(settings, () -> conf.value().value(), ctx.config().paths().scratch());
    Date date = Date.valueOf(ctx.date());

    // One partition per clip: a task decodes one video, and a slow or failing video holds up nothing else.
    JavaRDD<ClipIngestResult> results = jsc.parallelize(clips, Math.max(1, clips.size()))
        .map(ingester::ingest)
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    JavaRDD<CameraVideoResult> decoded = null;
    try {
      write(ctx, Tables.HUMAN_CLIPS, results.flatMap(r -> HumanRows.clipRows(r, date).iterator()), HumanRows.CLIPS);
      write(ctx, Tables.HUMAN_VIDEO_FRAMES, results.flatMap(r -> HumanRows.frameRows(r, date).iterator()),
          HumanRows.FRAMES);
      write(ctx, Tables.HUMAN_POSES, results.flatMap(r -> HumanRows.poseRows(r, date).iterator()), HumanRows.POSES);
      if (settings.faceBlur() != null) {
        write(ctx, Tables.HUMAN_DEIDENTIFIED, results.flatMap(r -> HumanRows.deidentifiedRows(r, date).iterator()),
            HumanRows.DEIDENTIFIED);
      }
      JavaRDD<Row> errors = results.flatMap(r -> HumanRows.errorRows(r).iterator())
          .union(jsc.parallelize(IngestErrorLedger.toRows(skippedLinks(listing, egodex)), 1));
      if (settings.fleetCameras()) {
        decoded = ingestCameraVideos(ctx, jsc, settings, conf, cameraVideos, date, result);
        errors = errors.union(decoded.flatMap(r -> CameraVideoRows.errorRows(r).iterator()));
      }
      IngestErrorLedger.replace(ctx, NAME, ctx.spark().createDataFrame(errors, IngestErrorLedger.ERROR_SCHEMA));

      List<ClipOutcome> outcomes = results.map(ClipOutcome::of).collect();
      ClipOutcome.count(outcomes, clips.size(), result);
    } finally {
      results.unpersist(false);
      if (decoded != null) {
        decoded.unpersist(false);
      }
      conf.destroy();
    }
  }

  /** The links both listings skipped, each named by what it stands in for. */
  private static List<ai.curate.jobs.ledger.IngestError> skippedLinks(LandingZone.Listing clips,
      LandingZone.Listing egodex) {
    List<ai.curate.jobs.ledger.IngestError> out = new ArrayList<>(HumanIngestErrors.symlinksSkipped(clips.links()));
    out.addAll(HumanIngestErrors.symlinksSkipped(egodex.links(), "EgoDex task folder "));
    return out;
  }

  /**
   * Decodes the date's fleet camera videos, one task per video, into {@code bronze.fleet_video_quality} and
   * {@code bronze.fleet_video_frames}; returns the results, still cached, for the ledger write (the caller releases
   * them). Every listed video is decoded or in the ledger.
   */
  private static JavaRDD<CameraVideoResult> ingestCameraVideos(StageContext ctx, JavaSparkContext jsc,
      HumanIngestSettings settings,
      Broadcast<SerializableConfiguration> conf, List<CameraVideoLocation> videos, Date date,
      StageResult.Builder result) {
    CameraVideoIngester ingester = new CameraVideoIngester(settings, () -> conf.value().value(),
        ctx.config().paths().scratch());
    JavaRDD<CameraVideoResult> decoded = jsc.parallelize(videos, Math.max(1, videos.size()))
        .map(ingester::ingest)
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    write(ctx, Tables.FLEET_VIDEO_QUALITY, decoded.flatMap(r -> CameraVideoRows.videoRows(r, date).iterator()),
        CameraVideoRows.VIDEOS);
    write(ctx, Tables.FLEET_VIDEO_FRAMES, decoded.flatMap(r -> CameraVideoRows.frameRows(r, date).iterator()),
        CameraVideoRows.FRAMES);
    write(ctx, Tables.FLEET_VIDEO_PACKETS, decoded.flatMap(r -> CameraVideoRows.packetRows(r, date).iterator()),
        CameraVideoRows.PACKETS);
    // Small: a few numbers per video, so the counts reconcile on the driver.
    List<long[]> outcomes = decoded.map(r -> new long[] {r.decoded() ? 1 : 0,
        r.decoded() ? r.analysis().frames().size() : 0, r.errors().size(),
        r.decoded() ? r.analysis().packets().count() : 0, r.decoded() && !r.analysis().flags().isEmpty() ? 1 : 0})
        .collect();
    if (outcomes.size() != videos.size()) {
      throw new IllegalStateException("ingest-human lost camera videos: listed " + videos.size() + " but got "
          + outcomes.size() + " results");
    }
    long ok = outcomes.stream().mapToLong(o -> o[0]).sum();
    result.count("camera_videos", videos.size())
        .count("camera_videos_decoded", ok)
        .count("camera_videos_unreadable", videos.size() - ok)
        .count("camera_frames_decoded", outcomes.stream().mapToLong(o -> o[1]).sum())
        .count("camera_frames", outcomes.stream().mapToLong(o -> o[3]).sum())
        .count("camera_videos_flagged", outcomes.stream().mapToLong(o -> o[4]).sum());
    return decoded;
  }

  /**
   * Clip folders {@code <raw>/human/date=D/<dataset>/<clip_id>/}, sorted by dataset then clip id, and the symbolic
   * links skipped in their place (ledger rows, never followed). A missing date folder is a user error unless there
   * are fleet camera videos to decode ({@code otherInput}).
   */
  private static LandingZone.Listing listClips(StageContext ctx, Configuration hadoop, boolean otherInput) {
    String raw = ctx.config().paths().raw();
    return otherInput
        ? LandingZone.scanDateIfPresent(hadoop, raw, "human", ctx.date())
        : LandingZone.scanDate(hadoop, raw, "human", ctx.date(), "human clip");
  }

  private static void write(StageContext ctx, TableId table, JavaRDD<Row> rows,
      org.apache.spark.sql.types.StructType schema) {
    Dataset<Row> frame = ctx.withRunMetadata(ctx.spark().createDataFrame(rows, schema), "ingested_at");
    ctx.replaceSlice(table, frame);
  }
}
