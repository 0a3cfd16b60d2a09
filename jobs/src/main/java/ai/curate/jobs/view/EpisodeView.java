package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.col;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.quality.QualitySettings;
import ai.curate.jobs.retarget.RetargetStage;
import ai.curate.jobs.retarget.RobotConfigSource;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import ai.curate.quality.JointLimits;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.rules.Rule;
import ai.curate.quality.rules.RuleSet;
import ai.curate.transforms.gold.DeterministicSplit;
import ai.curate.transforms.gold.SplitFractions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Builds one entity's page: finds it in the date's quality report, filters its silver steps, replays its failed
 * timestep rules for their spans, downsamples its signals, grabs a bounded number of camera frames, and hands it all
 * to {@link EpisodePage}. The driver holds at most a plot's width of rows per aggregation and one partition of steps
 * at a time during the replay.
 */
public final class EpisodeView {
  /** Pixel columns of every plot: about a laptop screen's plot width. */
  public static final int WIDTH = 1000;

  private final SparkSession spark;
  private final CurateConfig config;
  private final LocalDate date;
  private final TableReader tables;

  public EpisodeView(SparkSession spark, CurateConfig config, LocalDate date) {
    this.spark = spark;
    this.config = config;
    this.date = date;
    this.tables = new TableReader(spark, config.paths().warehouse());
  }

  public TableReader tables() {
    return tables;
  }

  /** The page of one entity; {@code joints} names the joints to plot (empty: chosen from the data). */
  public String render(ViewEntity entity, List<String> joints) {
    List<RuleVerdict> verdicts = EntityLookup.verdicts(tables, date, entity);
    QualitySettings quality = QualitySettings.from(config.quality());
    JointLimits limits = quality.jointLimits();
    RuleSet rules = entity.isClip() ? quality.humanRules(spark) : quality.robotRules(spark);
    List<Rule> failed = new ArrayList<>();
    for (RuleVerdict v : verdicts) {
      if (!v.passed()) {
        rules.rule(v.rule()).ifPresent(failed::add);
      }
    }
    Dataset<Row> steps = EntitySteps.of(tables, date, entity).cache();
    try {
      long count = steps.count();
      List<String> notes = new ArrayList<>();
      if (count == 0) {
        notes.add("the entity has no steps in " + (entity.isClip() ? Tables.HUMAN_TIMESTEPS : Tables.ROBOT_TIMESTEPS)
            + " for this date: only its verdict is shown");
        return EpisodePage.render(new PageData(entity, facts(entity, 0, null), verdicts, List.of(), List.of(),
            List.of(), List.of(), List.of(), notes, new PixelGrid(WIDTH, 1)));
      }
      long maxStep = steps.agg(org.apache.spark.sql.functions.max(col("step_index"))).first().getInt(0);
      PixelGrid grid = new PixelGrid(WIDTH, maxStep + 1);
      List<RuleSpans> spans = ViolationReplay.spans(steps, failed, verdicts, new CheckEnvironment(limits));
      List<Integer> jointIndices = JointChoice.choose(steps, limits.names(), joints, verdicts);
      List<String> jointNames = jointIndices.stream().map(i -> limits.names().get(i)).toList();
      SignalPlots plots = entity.isClip()
          ? ClipPlots.build(steps, grid, jointIndices, jointNames, limits, spans)
          : FleetPlots.build(steps, grid, jointIndices, jointNames, limits, spans);
      Map<Long, String> thumbSteps = ThumbnailSteps.choose(maxStep + 1, spans);
      List<PageData.Thumbnail> thumbs = FrameSource.thumbnails(spark, tables, date, entity, steps, thumbSteps, config,
          notes);
      List<String> hands = entity.isClip()
          ? HandSketch.sketches(steps, thumbSteps, handFk(limits), wristFrame(entity))
          : List.of();
      return EpisodePage.render(new PageData(entity, facts(entity, count, steps), verdicts, spans, plots.figures(),
          jointNames, thumbs, hands, notes, grid));
    } finally {
      steps.unpersist();
    }
  }

  /** The Neo hand FK for the clip view, from retarget.robot_config (the config the retarget stage used). */
  private HandFk handFk(JointLimits limits) {
    RobotConfigSource.Loaded robot = RobotConfigSource.read(RetargetStage.robotConfigPath(
        config.retarget().robotConfig()));
    return new HandFk(robot.config(), limits.names());
  }

  /** True when the clip's keypoints are in the wrist frame (clip.json keypoint_frame), else the camera's. */
  private boolean wristFrame(ViewEntity e) {
    return metadata(e).map(m -> "wrist".equals(m.getAs("keypoint_frame"))).orElse(false);
  }

  private List<String[]> facts(ViewEntity e, long steps, Dataset<Row> stepRows) {
    List<String[]> f = new ArrayList<>();
    f.add(new String[] {"source", e.isClip() ? "human clip" : "fleet episode"});
    if (e.isClip()) {
      f.add(new String[] {"dataset / clip", e.dataset() + " / " + e.id()});
    } else {
      f.add(new String[] {"robot / session / episode", e.robotId() + " / " + e.sessionId() + " / " + e.id()});
    }
    f.add(new String[] {"capture date", date.toString()});
    Optional<Row> meta = metadata(e);
    meta.ifPresent(m -> {
      Object task = m.getAs("task");
      if (task != null) {
        f.add(new String[] {"task", task.toString()});
      }
    });
    Double duration = null;
    if (!e.isClip() && meta.isPresent() && meta.get().getAs("duration_ns") != null) {
      duration = meta.get().<Long>getAs("duration_ns") / 1e9;
    } else if (stepRows != null && steps > 0) {
      Row span = stepRows.agg(org.apache.spark.sql.functions.min("ts_ns"), org.apache.spark.sql.functions.max("ts_ns"))
          .first();
      duration = span.isNullAt(0) ? null : (span.getLong(1) - span.getLong(0)) / 1e9;
    }
    f.add(new String[] {"duration", duration == null ? "unknown" : String.format(Locale.ROOT, "%.2f s", duration)});
    f.add(new String[] {"steps", Long.toString(steps)});
    CurateConfig.PublishConfig p = config.publish();
    DeterministicSplit split = new DeterministicSplit(new SplitFractions(p.split().train(), p.split().val(),
        p.split().test()), p.splitSalt());
    f.add(new String[] {"split", split.splitOf(e.id()) + " (by hash of the id; published only if it passed)"});
    return f;
  }

  private Optional<Row> metadata(ViewEntity e) {
    if (e.isClip()) {
      if (!tables.exists(Tables.HUMAN_CLIPS)) {
        return Optional.empty();
      }
      return tables.readDate(Tables.HUMAN_CLIPS, date).where(col("dataset").equalTo(e.dataset())
          .and(col("clip_id").equalTo(e.id()))).limit(1).collectAsList().stream().findFirst();
    }
    if (!tables.exists(Tables.ROBOT_EPISODES)) {
      return Optional.empty();
    }
    return tables.readDate(Tables.ROBOT_EPISODES, date).where(EntitySteps.identity(e)).limit(1).collectAsList()
        .stream().findFirst();
  }
}
