package ai.curate.jobs.view;

import static org.apache.spark.sql.functions.col;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.TableReader;
import ai.curate.jobs.tables.Tables;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The silver steps of one entity: the date's slice filtered by its whole identity (robot, session, episode id; or
 * dataset, clip id) on Spark, so only that entity's rows ever leave the table scan. Nothing is collected here.
 */
public final class EntitySteps {
  private EntitySteps() {}

  public static Dataset<Row> of(TableReader tables, LocalDate date, ViewEntity e) {
    TableId table = e.isClip() ? Tables.HUMAN_TIMESTEPS : Tables.ROBOT_TIMESTEPS;
    if (!tables.exists(table)) {
      throw CurateErrors.earlierStageMissing(table + " does not exist",
          "curate run --date " + date + " --stages " + (e.isClip() ? "retarget" : "align"));
    }
    return tables.readDate(table, date).where(identity(e));
  }

  static Column identity(ViewEntity e) {
    if (e.isClip()) {
      return col("dataset").equalTo(e.dataset()).and(col("clip_id").equalTo(e.id()));
    }
    return col("robot_id").equalTo(e.robotId()).and(col("session_id").equalTo(e.sessionId()))
        .and(col("episode_id").equalTo(e.id()));
  }
}
