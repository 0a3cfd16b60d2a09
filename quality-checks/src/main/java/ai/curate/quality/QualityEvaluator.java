package ai.curate.quality;

import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.eval.Evaluation;
import ai.curate.quality.rules.RuleSet;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The entry point of the quality checks, in the spirit of Deequ's {@code VerificationSuite}: give it the entity
 * rows, their timesteps and a rule set; get back the report, the quarantine, the pass list, per-entity scores and
 * the observed counts.
 *
 * <pre>{@code
 * RuleSet rules = RuleLoader.load(Path.of("configs/quality/robot.yaml"), spark);
 * try (QualityResult result = new QualityEvaluator(limits).evaluate(episodes, robotTimesteps, rules)) {
 *   result.reconciliation().requireHolds();
 *   write(result.report()); write(result.quarantine()); ...
 *   result.gate().requireOpen();   // after writing the report, before publishing
 * }
 * }</pre>
 *
 * <p>{@code evaluate} runs exactly one Spark action (building the cached per-entity table); all counts come from
 * {@link org.apache.spark.sql.Observation}s attached to that action.
 */
public final class QualityEvaluator {
  private final CheckEnvironment environment;

  /** An evaluator without joint limits (rules using joint_position_limits / joint_velocity_limits are rejected). */
  public QualityEvaluator() {
    this(null);
  }

  public QualityEvaluator(JointLimits jointLimits) {
    this.environment = new CheckEnvironment(jointLimits);
  }

  /**
   * Scores every entity.
   *
   * @param entities  one row per episode (key episode_id) or clip (key clip_id), as the rule set's entity type says
   * @param timesteps the entities' steps (key, step_index, ts_ns, ...); null when the rules have no timestep scope
   * @throws QualityRuleException when the inputs lack what a rule reads, or a rule's SQL does not resolve
   */
  public QualityResult evaluate(Dataset<Row> entities, Dataset<Row> timesteps, RuleSet rules) {
    Objects.requireNonNull(entities, "entities");
    Objects.requireNonNull(rules, "rules");
    Evaluation.Output out = Evaluation.run(entities, timesteps, rules, environment);
    return new QualityResult(rules.entityType(), out.scored(), out.rules(), out.counts());
  }
}
