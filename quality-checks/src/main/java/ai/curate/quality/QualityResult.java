package ai.curate.quality;

import ai.curate.quality.eval.ScoredTable;
import ai.curate.quality.rules.EntityType;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The outcome of {@link QualityEvaluator#evaluate}: lazily projected Datasets over one cached per-entity scored
 * table (writing each costs a scan of that small cache, not a re-evaluation), plus the counts observed while it was
 * built. Close it (or call {@link #close()}) once the stage has written its tables, to release the cache.
 *
 * <p>Schemas; every one ends with {@code IDENTITY} = robot_id, session_id, dataset
 * ({@link EntityType#identityColumns()}), the rest of the entity's identity: an episode is (robot_id, session_id,
 * episode_id), a clip (dataset, clip_id); the column another entity type has is null. Join or group entities on
 * entity_type, entity_id and IDENTITY, never on entity_id alone:
 * <ul>
 *   <li>{@link #report()}: entity_type, entity_id, rule, value double, threshold string, passed boolean,
 *       severity string, tags array&lt;string&gt;, message string (null when passed), IDENTITY; one row per
 *       entity and rule;</li>
 *   <li>{@link #quarantine()}: entity_type, entity_id, reasons array&lt;struct&lt;rule, value, threshold,
 *       message&gt;&gt; (the quarantine and fail rules the entity violated), IDENTITY;</li>
 *   <li>{@link #passList()}: entity_type, entity_id, IDENTITY of every entity not held back;</li>
 *   <li>{@link #scores()}: entity_type, entity_id, score_&lt;rule&gt; double per rule, quarantined boolean,
 *       IDENTITY.</li>
 * </ul>
 */
public final class QualityResult implements AutoCloseable {
  private final EntityType entityType;
  private final Dataset<Row> scored;
  private final List<EvaluatedRule> rules;
  private final QualityCounts counts;

  QualityResult(EntityType entityType, Dataset<Row> scored, List<EvaluatedRule> rules, QualityCounts counts) {
    this.entityType = entityType;
    this.scored = scored;
    this.rules = List.copyOf(rules);
    this.counts = counts;
  }

  public EntityType entityType() {
    return entityType;
  }

  public Dataset<Row> report() {
    return ScoredTable.report(scored);
  }

  public Dataset<Row> quarantine() {
    return ScoredTable.quarantine(scored);
  }

  public Dataset<Row> passList() {
    return ScoredTable.passList(scored);
  }

  public Dataset<Row> scores() {
    return ScoredTable.scores(scored, rules);
  }

  /** The rules as evaluated, structural ones first, in score-column order. */
  public List<EvaluatedRule> rules() {
    return rules;
  }

  public QualityCounts counts() {
    return counts;
  }

  public Reconciliation reconciliation() {
    return counts.reconciliation();
  }

  public QualityGate gate() {
    return QualityGate.of(counts);
  }

  /** Releases the cached scored table. The Datasets handed out must not be used afterwards. */
  @Override
  public void close() {
    scored.unpersist(false);
  }
}
