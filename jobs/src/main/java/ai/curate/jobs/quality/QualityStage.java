package ai.curate.jobs.quality;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.transforms.quality.RobotEntities;
import ai.curate.jobs.stages.CountingStage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import ai.curate.quality.QualityCounts;
import ai.curate.quality.QualityEvaluator;
import ai.curate.quality.QualityGate;
import ai.curate.quality.QualityResult;
import ai.curate.quality.QualityRuleException;
import ai.curate.quality.metrics.RateAlert;
import ai.curate.quality.metrics.RateAlerts;
import ai.curate.quality.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * Stage {@code quality}: scores every robot episode and human clip of the date against the rule files
 * ({@code quality.robot_rules}, {@code quality.human_rules}) and writes, for the date (replacing its slice):
 * gold.quality_report (one row per entity and rule), gold.quarantine (held-back entities with every reason),
 * gold.quality_pass (the entities publish may use), gold.quality_metrics (per rule violation rates and value
 * distribution, with rate alerts against earlier dates) and gold.quality_runs (per entity type: counts, gate,
 * alerts). Columns: docs/quality.md.
 *
 * <p>Checks, loudly: every entity in is passed or quarantined exactly once (in the evaluator's counts and again on
 * the written tables). After writing, a {@code fail} rule violated by more than its fail_fraction stops the run
 * with one line naming the rule and the fraction, before publish.
 */
public final class QualityStage extends CountingStage {
  public static final String NAME = "quality";

  public QualityStage() {
    super(NAME);
  }

  @Override
  protected void run(StageContext ctx, StageResult.Builder result) {
    SparkSession spark = ctx.spark();
    QualitySettings settings = QualitySettings.from(ctx.config().quality());
    TableReader tables = ctx.tables();
    boolean robot = tables.exists(Tables.ROBOT_EPISODES);
    boolean human = tables.exists(Tables.HUMAN_CLIPS);
    if (!robot && !human) {
      throw CurateErrors.nothingToDo("quality: nothing to check for " + ctx.date() + ": neither "
          + Tables.ROBOT_EPISODES + " nor " + Tables.HUMAN_CLIPS
          + " exists yet (run ingest-fleet and align, or ingest-human, first)");
    }
    // Rule files are read and their SQL parsed before any job.
    RuleSet robotRules = robot ? settings.robotRules(spark) : null;
    RuleSet humanRules = human ? settings.humanRules(spark) : null;

    List<Side> sides = new ArrayList<>();
    try {
      if (robot) {
        sides.add(evaluate(robotRules, robotInputs(tables, ctx), new QualityEvaluator(settings.jointLimits()),
            settings.robotRulesFile().toString()));
      }
      if (human) {
        sides.add(evaluate(humanRules, humanInputs(tables, ctx), new QualityEvaluator(),
            settings.humanRulesFile().toString()));
      }
      for (Side s : sides) {
        s.result().reconciliation().requireHolds();
      }
      QualityOutputs outputs = new QualityOutputs(ctx);
      outputs.writeVerdicts(sides.stream().map(Side::result).toList());

      Dataset<Row> history = tables.exists(Tables.QUALITY_METRICS)
          ? tables.read(Tables.QUALITY_METRICS).where(col("capture_date").lt(to_date(lit(ctx.date().toString()))))
          : null;
      // Read by each side's alert check and by the metrics write: kept (a row per rule) rather than ranked again.
      Dataset<Row> rates = outputs.rates().persist(StorageLevel.MEMORY_AND_DISK());
      List<RateAlert> alerts = new ArrayList<>();
      try {
        for (Side s : sides) {
          alerts.addAll(history == null
              ? RateAlerts.detect(s.rules(), java.util.Map.of(), currentRates(rates, s))
              : RateAlerts.detect(s.rules(), history, "capture_date", rates));
        }
        outputs.writeMetrics(rates, alerts);
      } finally {
        rates.unpersist(false);
      }
      outputs.writeRuns(sides.stream().map(s -> new QualityOutputs.RunRow(s.rulesFile(), s.result().counts(),
          s.result().gate(), alerts.stream().filter(a -> a.entityType().equals(
              s.result().entityType().yamlName())).map(RateAlert::message).toList()))
          .toList());

      long expected = 0;
      for (Side s : sides) {
        QualityCounts c = s.result().counts();
        String plural = c.entityType().yamlName() + "s";
        result.count(plural + "_in", c.entitiesIn())
            .count(plural + "_passed", c.passed())
            .count(plural + "_quarantined", c.quarantined());
        if (c.orphans() > 0) {
          result.count(plural + "_orphans", c.orphans());
        }
        expected += c.entitiesIn() + c.orphans();
      }
      QualityOutputs.Recount recount = outputs.recount();
      if (recount.passed() + recount.quarantined() != expected || recount.overlap() != 0) {
        throw new IllegalStateException("quality reconciliation failed for " + ctx.date() + ": " + expected
            + " episodes and clips in, but " + Tables.QUALITY_PASS + " has " + recount.passed() + " and "
            + Tables.QUARANTINE + " " + recount.quarantined() + " (" + recount.overlap() + " in both); "
            + "nothing may be published");
      }
      result.count("passed", recount.passed()).count("quarantined", recount.quarantined())
          .count("alerts", alerts.size());

      List<QualityGate> closed = sides.stream().map(s -> s.result().gate()).filter(g -> !g.open()).toList();
      if (!closed.isEmpty()) {
        throw CurateErrors.qualityGateClosed(closed.stream().map(QualityGate::describe)
            .collect(Collectors.joining("; ")) + " (date " + ctx.date() + ", run " + ctx.runId() + ")");
      }
    } catch (QualityRuleException e) {
      throw CurateErrors.qualityRules(e.getMessage(), e);
    } finally {
      sides.forEach(s -> s.result().close());
    }
  }

  /** One entity type's evaluation. */
  record Side(RuleSet rules, QualityResult result, String rulesFile) {}

  record Inputs(Dataset<Row> entities, Dataset<Row> timesteps) {}

  private static Side evaluate(RuleSet rules, Inputs in, QualityEvaluator evaluator, String file) {
    return new Side(rules, evaluator.evaluate(in.entities(), in.timesteps(), rules), file);
  }

  private static Dataset<Row> currentRatesOf(Dataset<Row> rates, Side s) {
    return rates.where(col("entity_type").equalTo(s.result().entityType().yamlName()));
  }

  private static java.util.Map<String, Double> currentRates(Dataset<Row> rates, Side s) {
    java.util.Map<String, Double> out = new java.util.HashMap<>();
    for (Row r : currentRatesOf(rates, s).select("rule", "violation_rate").collectAsList()) {
      if (!r.isNullAt(1)) {
        out.put(r.getString(0), r.getDouble(1));
      }
    }
    return out;
  }

  static Inputs robotInputs(TableReader tables, StageContext ctx) {
    Dataset<Row> episodes = ctx.readSlice(Tables.ROBOT_EPISODES);
    List<Dataset<Row>> streams = new ArrayList<>();
    for (TableId t : List.of(Tables.JOINT_STATES, Tables.JOINT_COMMANDS, Tables.WRENCHES, Tables.TACTILE)) {
      if (tables.exists(t)) {
        streams.add(ctx.readSlice(t));
      }
    }
    Dataset<Row> entities = RobotEntities.build(episodes, streams, ctx.readSlice(Tables.CAMERA_FRAMES),
        ctx.readSlice(Tables.SESSIONS), ctx.readSlice(Tables.VIDEOS));
    Dataset<Row> steps = ctx.readSlice(Tables.ROBOT_TIMESTEPS).drop("capture_date", "run_id");
    return new Inputs(entities, steps);
  }

  static Inputs humanInputs(TableReader tables, StageContext ctx) {
    Dataset<Row> metrics = tables.exists(Tables.HUMAN_CLIP_METRICS)
        ? ctx.readSlice(Tables.HUMAN_CLIP_METRICS)
        : null;
    Dataset<Row> clips = HumanEntities.clips(ctx.readSlice(Tables.HUMAN_CLIPS), metrics);
    Dataset<Row> steps = tables.exists(Tables.HUMAN_TIMESTEPS)
        ? HumanEntities.steps(ctx.readSlice(Tables.HUMAN_TIMESTEPS))
        : HumanEntities.stepsFromPoses(ctx.readSlice(Tables.HUMAN_POSES));
    return new Inputs(clips, steps);
  }
}
