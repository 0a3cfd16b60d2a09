package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignmentColumns.EPISODE_ID;
import static ai.curate.transforms.align.AlignmentColumns.SOURCE_SEQ;
import static ai.curate.transforms.align.AlignmentColumns.STALENESS_NS;
import static ai.curate.transforms.align.AlignmentColumns.STEP_INDEX;
import static ai.curate.transforms.align.AlignmentColumns.STREAM;
import static ai.curate.transforms.align.AlignmentColumns.TS_NS;
import static ai.curate.transforms.align.AlignmentColumns.VALID;
import static ai.curate.transforms.align.AlignmentColumns.VALUES;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Long steps (one row per step and stream) to wide (one row per step): for each stream s the columns
 * {@code s} (values), {@code s_valid}, {@code s_staleness_ns}, {@code s_source_seq}. The shape of
 * silver.robot_timesteps before renaming to its column names.
 */
public final class AlignmentPivot {
  private AlignmentPivot() {}

  public static Dataset<Row> wide(Dataset<Row> steps, List<String> streams) {
    List<Column> aggregates = new ArrayList<>();
    for (String s : streams) {
      Column isStream = col(STREAM).equalTo(lit(s));
      // Exactly one row per (step, stream), so "first non-null" is deterministic here.
      aggregates.add(first(when(isStream, col(VALUES)), true).as(s));
      aggregates.add(coalesce(max(when(isStream, col(VALID))), lit(false)).as(s + "_valid"));
      aggregates.add(max(when(isStream, col(STALENESS_NS))).as(s + "_staleness_ns"));
      aggregates.add(max(when(isStream, col(SOURCE_SEQ))).as(s + "_source_seq"));
    }
    return steps.groupBy(EPISODE_ID, STEP_INDEX, TS_NS)
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0]));
  }
}
