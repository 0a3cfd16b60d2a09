package ai.curate.quality.eval;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_json;

import ai.curate.quality.EvaluatedRule;
import ai.curate.quality.QualityCounts;
import ai.curate.quality.RuleCount;
import ai.curate.quality.checks.CheckEnvironment;
import ai.curate.quality.rules.EntityType;
import ai.curate.quality.rules.Rule;
import ai.curate.quality.rules.RuleSet;
import ai.curate.quality.rules.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Observation;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import scala.collection.JavaConverters;

/**
 * One evaluation of a rule set: plan, run once, count.
 *
 * <ol>
 *   <li>check the inputs against the rules ({@link InputCheck}), before any job;</li>
 *   <li>timestep rules: one sorted per-entity pass ({@link TimestepPass});</li>
 *   <li>full outer join with the entity rows on the entity's identity (every key column, {@link #key}), so an
 *       entity on either side is scored;</li>
 *   <li>entity rules as columns over the joined row; per-rule value, passed, message ({@link RuleColumns});</li>
 *   <li>cache the per-entity scored table (small: one row per entity) and build it with one action, which also
 *       delivers the {@link Observation}s on the inputs and on the output.</li>
 * </ol>
 */
public final class Evaluation {
  private Evaluation() {}

  /** What an evaluation produced; the scored table is persisted until the caller unpersists it. */
  public record Output(Dataset<Row> scored, List<EvaluatedRule> rules, QualityCounts counts) {}

  public static Output run(Dataset<Row> entities, Dataset<Row> timesteps, RuleSet rules,
      CheckEnvironment environment) {
    InputCheck.check(rules, entities.schema(), timesteps == null ? null : timesteps.schema(), environment);
    EntityType entity = rules.entityType();
    String id = UUID.randomUUID().toString().replace("-", "");

    Observation entitiesSeen = new Observation("quality_entities_" + id);
    Dataset<Row> entityRows = entities.observe(entitiesSeen, count(lit(1)).as("rows"))
        .withColumn(InternalColumns.KEY, key(entity))
        .withColumn(InternalColumns.HAS_RECORD, lit(true));

    Observation stepsSeen = null;
    Dataset<Row> joined;
    List<Rule> stepRules = rules.rules(Scope.TIMESTEP);
    if (timesteps != null) {
      stepsSeen = new Observation("quality_timesteps_" + id);
      Dataset<Row> steps = timesteps.observe(stepsSeen, count(lit(1)).as("rows"));
      Dataset<Row> perEntity = TimestepPass.aggregate(steps, stepRules, key(entity), environment)
          .withColumn(InternalColumns.HAS_STEPS, lit(true));
      joined = entityRows.join(perEntity, JavaConverters.asScalaBuffer(List.of(InternalColumns.KEY)).toSeq(),
          "full_outer");
    } else {
      joined = entityRows.withColumn(InternalColumns.HAS_STEPS, lit(false));
    }

    List<RuleColumns> columns = new ArrayList<>();
    columns.add(RuleColumns.hasEntityRecord(rules.entityType()));
    if (timesteps != null) {
      columns.add(RuleColumns.hasTimesteps());
    }
    int stepIndex = 0;
    for (Rule rule : rules.rules()) {
      boolean timestep = rule.scope() == Scope.TIMESTEP;
      columns.add(RuleColumns.of(rule, timestep ? stepIndex++ : -1, joined));
    }
    List<EvaluatedRule> evaluated = columns.stream().map(RuleColumns::rule).toList();

    Observation scoredSeen = new Observation("quality_scored_" + id);
    List<Column> observed = ScoredTable.observedColumns(columns.size());
    Dataset<Row> joinedRows = joined;
    Dataset<Row> scored = withObservationsKept(joined.sparkSession(), () -> {
      Dataset<Row> table = ScoredTable.build(joinedRows, entity, columns)
          .observe(scoredSeen, observed.get(0), observed.subList(1, observed.size()).toArray(new Column[0]))
          .persist(StorageLevel.MEMORY_AND_DISK());
      table.count();
      return table;
    });

    QualityCounts counts = counts(rules, evaluated, get(entitiesSeen), stepsSeen == null ? null : get(stepsSeen),
        get(scoredSeen));
    return new Output(scored, evaluated, counts);
  }

  /** AQE's runtime rule that replaces a subtree whose shuffle came out empty by an empty relation. */
  static final String AQE_EMPTY_RELATION = "org.apache.spark.sql.execution.adaptive.AQEPropagateEmptyRelation";

  private static final String AQE_EXCLUDED_RULES = "spark.sql.adaptive.optimizer.excludedRules";

  /**
   * Plans and runs the one action with AQE's empty-relation propagation off (the cache plans the query when it is
   * persisted, so both happen inside). With it on, a date whose entities or steps are all on one side of the full
   * outer join (a day with robot episodes and no human clip) has that side's observed subtree replaced once its
   * shuffle comes out empty; its metrics node goes with it, the Observation is never fulfilled, and
   * {@link Observation#get} waits forever. The rule only saves work on empty inputs.
   */
  private static Dataset<Row> withObservationsKept(org.apache.spark.sql.SparkSession spark,
      java.util.function.Supplier<Dataset<Row>> action) {
    org.apache.spark.sql.RuntimeConfig conf = spark.conf();
    String before = conf.contains(AQE_EXCLUDED_RULES) ? conf.get(AQE_EXCLUDED_RULES) : null;
    String excluded = before == null || before.isBlank() ? AQE_EMPTY_RELATION : before + "," + AQE_EMPTY_RELATION;
    conf.set(AQE_EXCLUDED_RULES, excluded);
    try {
      return action.get();
    } finally {
      if (before == null) {
        conf.unset(AQE_EXCLUDED_RULES);
      } else {
        conf.set(AQE_EXCLUDED_RULES, before);
      }
    }
  }

  /**
   * The entity's identity as one string: the JSON array of its key columns ({@link EntityType#keyColumns}), so rows
   * of two sessions that share an episode id are two entities.
   */
  static Column key(EntityType entity) {
    return to_json(array(entity.keyColumns().stream().map(c -> col(c)).toArray(Column[]::new)));
  }

  private static QualityCounts counts(RuleSet rules, List<EvaluatedRule> evaluated, Map<String, Object> in,
      Map<String, Object> steps, Map<String, Object> out) {
    long scored = number(out, "entities_scored");
    long quarantined = number(out, "quarantined");
    List<RuleCount> perRule = new ArrayList<>();
    for (int i = 0; i < evaluated.size(); i++) {
      perRule.add(new RuleCount(evaluated.get(i), number(out, "violations_" + i), number(out, "missing_" + i)));
    }
    return new QualityCounts(rules.entityType(), number(in, "rows"), steps == null ? -1 : number(steps, "rows"),
        scored, number(out, "orphans"), steps == null ? 0 : number(out, "without_steps"), scored - quarantined,
        quarantined, perRule);
  }

  private static Map<String, Object> get(Observation observation) {
    try {
      return observation.getAsJava();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for quality counts", e);
    }
  }

  /** Sums over no rows are null. */
  private static long number(Map<String, Object> metrics, String name) {
    Object v = metrics.get(name);
    return v == null ? 0L : ((Number) v).longValue();
  }
}
