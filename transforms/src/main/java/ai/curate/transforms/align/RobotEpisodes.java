package ai.curate.transforms.align;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Episodes of the fleet sessions, from bronze events (pure transform, no IO).
 *
 * <p>An episode is the span between its {@code episode_start} and {@code episode_end} events (robot clock). Only
 * boundary events make an episode: other events that carry an {@code episode_id} (notes, interventions) never do on
 * their own, so a stray event cannot create a phantom episode (ingest lists such events in the ledger as
 * {@code stray_episode_event}). When one of the two boundaries is missing it is replaced by the session's start or end
 * and flagged ({@code start_event_missing}, {@code end_event_missing}), so the episode is still aligned and quality
 * rules decide whether to keep it. Repeated boundary events keep the earliest start and the latest end. An episode
 * whose start is after its end has no span and is left out (ingest ledgers it as {@code episode_time_invalid}).
 * Identities are (robot_id, session_id, episode_id): session ids are only unique per robot.
 */
public final class RobotEpisodes {
  private RobotEpisodes() {}

  /**
   * @param events bronze.events rows of one date (session_id, robot_id, ts_ns, type, episode_id, task, prompt, success)
   * @param sessions bronze.sessions rows of the same date (robot_id, session_id, start_ts_ns, end_ts_ns)
   * @return capture_date, session_id, robot_id, episode_id, task, prompt, success, start_ns, end_ns,
   *     start_event_missing, end_event_missing, interventions
   */
  public static Dataset<Row> fromEvents(Dataset<Row> events, Dataset<Row> sessions) {
    Dataset<Row> perEpisode = events.where(col("episode_id").isNotNull())
        .groupBy(col("capture_date"), col("session_id"), col("robot_id"), col("episode_id"))
        .agg(
            min(when(col("type").equalTo("episode_start"), col("ts_ns"))).as("start_event_ns"),
            max(when(col("type").equalTo("episode_end"), col("ts_ns"))).as("end_event_ns"),
            first(when(col("type").equalTo("episode_start"), col("task")), true).as("task"),
            first(when(col("type").equalTo("episode_start"), col("prompt")), true).as("prompt"),
            first(when(col("type").equalTo("episode_end"), col("success")), true).as("success"),
            org.apache.spark.sql.functions.sum(when(col("type").equalTo("intervention"), 1).otherwise(0))
                .as("interventions"));
    Dataset<Row> bounds = sessions.select(col("robot_id").as("_rid"), col("session_id").as("_sid"),
        col("start_ts_ns").as("_session_start"), col("end_ts_ns").as("_session_end"));
    return perEpisode.where(col("start_event_ns").isNotNull().or(col("end_event_ns").isNotNull()))
        .join(bounds, col("robot_id").equalTo(col("_rid")).and(col("session_id").equalTo(col("_sid"))), "left")
        .select(col("capture_date"), col("session_id"), col("robot_id"), col("episode_id"), col("task"), col("prompt"),
            col("success"),
            coalesce(col("start_event_ns"), col("_session_start")).as("start_ns"),
            coalesce(col("end_event_ns"), col("_session_end")).as("end_ns"),
            col("start_event_ns").isNull().as("start_event_missing"),
            col("end_event_ns").isNull().as("end_event_missing"),
            coalesce(col("interventions"), lit(0L)).cast("int").as("interventions"))
        .where(col("start_ns").isNotNull().and(col("end_ns").isNotNull()).and(col("start_ns").leq(col("end_ns"))));
  }
}
