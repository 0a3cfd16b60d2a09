package ai.curate.jobs.publish;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.stages.CountingStage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import ai.curate.transforms.gold.DeterministicSplit;
import ai.curate.transforms.gold.EpisodeRollup;
import ai.curate.transforms.gold.FeatureLayout;
import ai.curate.transforms.gold.FeatureStatistics;
import ai.curate.transforms.gold.GoldColumns;
import ai.curate.transforms.gold.GoldEpisodes;
import ai.curate.transforms.gold.GoldSchemas;
import ai.curate.transforms.gold.GoldTimesteps;
import ai.curate.transforms.gold.SplitFractions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage {@code publish}: the quality-passed robot episodes and human clips of one date into {@code gold.timesteps},
 * {@code gold.episodes} and {@code gold.feature_stats} (docs/tables.md).
 *
 * <p>Inputs are pinned and gated by {@link PublishInputs}, written by {@link GoldWrites} (one commit per table, on
 * {@code capture_date} and {@code source}; runs for different dates touch disjoint partitions and commit
 * concurrently). Episodes and statistics are computed from the timesteps as committed (read back at their version),
 * so their counts agree with gold.timesteps by construction. A failure between two commits leaves the earlier tables
 * at the new run and the later ones at the previous run: each table stays readable, {@code curate manifest} refuses
 * the mixed date, and a rerun completes it.
 */
public final class PublishStage extends CountingStage {
  public static final String NAME = "publish";
  private static final Logger LOG = LoggerFactory.getLogger(PublishStage.class);

  /** Called after each table's commit; tests inject failures here. */
  @FunctionalInterface
  public interface CommitListener {
    void committed(TableId table, long version);
  }

  private final CommitListener listener;

  public PublishStage() {
    this((table, version) -> {});
  }

  public PublishStage(CommitListener listener) {
    super(NAME);
    this.listener = listener;
  }

  @Override
  protected void run(StageContext ctx, StageResult.Builder result) {
    CurateConfig.PublishConfig settings = ctx.config().publish();
    LocalDate date = ctx.date();
    PublishInputs inputs = new PublishInputs(ctx);

    Dataset<Row> verdicts = inputs.verdicts().cache();
    try {
      FeatureLayout layout = new FeatureLayout(PublishInputs.jointNames(settings.robotUrdf()));

      Dataset<Row> robot = inputs.pinnedWithRows(Tables.ROBOT_TIMESTEPS);
      Dataset<Row> human = inputs.pinnedWithRows(Tables.HUMAN_TIMESTEPS);
      if (robot == null && human == null) {
        throw CurateErrors.nothingToDo("nothing to publish for " + date
            + ": silver.robot_timesteps and silver.human_timesteps "
            + "have no rows for it (run `curate run --date " + date + " --stages align` and/or `--stages retarget`)");
      }
      if (human == null) {
        LOG.warn("publish {}: silver.human_timesteps has no rows for this date; publishing fleet only (human "
            + "partitions of gold are left as they are; run retarget, then publish again)", date);
      }
      List<String> sources = new ArrayList<>();
      Dataset<Row> unified = null;
      if (robot != null) {
        inputs.checkJointOrder(layout);
        sources.add(GoldColumns.FLEET);
        unified = GoldTimesteps.fromRobot(robot);
      }
      if (human != null) {
        sources.add(GoldColumns.HUMAN);
        Dataset<Row> h = GoldTimesteps.fromHuman(human);
        unified = unified == null ? h : unified.unionByName(h);
      }
      long silverEntities = inputs.requireScored(unified, verdicts);
      GoldWrites gold = new GoldWrites(ctx, sources, listener);

      // gold.timesteps
      DeterministicSplit split = new DeterministicSplit(new SplitFractions(settings.split().train(),
          settings.split().val(), settings.split().test()), settings.splitSalt());
      Dataset<Row> curated = GoldTimesteps.curate(unified, verdicts, split, ctx.runId());
      long inputBytes = (robot != null ? GoldWrites.sliceBytes(ctx.spark(), robot, date) : 0)
          + (human != null ? GoldWrites.sliceBytes(ctx.spark(), human, date) : 0);
      int files = GoldWrites.fileCount(inputBytes, settings.targetFileSizeMb());
      long timestepsVersion = gold.write(GoldTables.TIMESTEPS, GoldWrites.laidOut(curated, files));
      Dataset<Row> published = gold.readBack(Tables.TIMESTEPS, timestepsVersion);

      // gold.episodes
      Dataset<Row> episodes = GoldEpisodes.of(EpisodeRollup.of(published), inputs.metadata(), verdicts,
          inputs.versions(), CodeVersion.current(), ctx.runId());
      long episodesVersion = gold.write(GoldTables.EPISODES, episodes);

      // gold.feature_stats (small: sources x features x elements)
      Dataset<Row> stats = FeatureStatistics.compute(published, layout,
          List.of(GoldColumns.SOURCE, GoldColumns.CAPTURE_DATE))
          .withColumn(GoldColumns.RUN_ID, lit(ctx.runId()));
      // Cached under the setting: the cache plans its query in a copy of the session's settings taken here, and every
      // later use (the check, the write, a recomputation) runs that plan.
      Dataset<Row> conformed = GoldSchemas.conform(stats, GoldSchemas.FEATURE_STATS);
      stats = FeatureStatistics.withHashAggregation(ctx.spark(), conformed::cache);
      try {
        requireNamedElements(stats, layout, settings, date);
        long statsVersion = gold.write(GoldTables.FEATURE_STATS, stats);

        Row e = gold.readBack(Tables.EPISODES, episodesVersion)
            .agg(functions.count(lit(1)), functions.sum("step_count")).first();
        long statsRows = gold.readBack(Tables.FEATURE_STATS, statsVersion).count();
        long scored = verdicts.count();
        long passed = verdicts.where(col(GoldColumns.PASSED)).count();
        result.count("silver_entities", silverEntities)
            .count("scored", scored)
            .count("quarantined", scored - passed)
            .count("episodes", e.getLong(0))
            .count("timesteps", e.isNullAt(1) ? 0 : e.getLong(1))
            .count("feature_stats", statsRows)
            .count("files", files)
            .count("human_silver_missing", human != null ? 0 : 1);
      } finally {
        stats.unpersist();
      }
    } finally {
      verdicts.unpersist();
    }
  }

  /** Feature arrays longer than the robot model has joints would publish unnamed elements: refuse them. */
  private static void requireNamedElements(Dataset<Row> stats, FeatureLayout layout,
      CurateConfig.PublishConfig settings, LocalDate date) {
    List<Row> unnamed = stats.where(col("element").isNull()).select("source", "feature", "element_index")
        .limit(5).collectAsList();
    if (!unnamed.isEmpty()) {
      throw CurateErrors.robotModelMismatch(date, "feature arrays are longer than the robot model's "
          + layout.jointNames().size() + " joints (" + settings.robotUrdf() + ", publish.robot_urdf), e.g. "
          + unnamed + "; point publish.robot_urdf at the model the data was recorded with");
    }
  }
}
