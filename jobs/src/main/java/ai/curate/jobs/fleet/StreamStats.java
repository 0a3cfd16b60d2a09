package ai.curate.jobs.fleet;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import ai.curate.jobs.stages.StageContext;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Per-stream counts of what landed in bronze for the date: rows, flagged rows, first and last device timestamp.
 * Read back from the tables just written (only the key, flag and timestamp columns are scanned), so the session
 * summary reports exactly what a query would find.
 */
public final class StreamStats {
  public record Key(String robotId, String sessionId, String stream) implements Serializable {}

  public record Stats(long rows, long nanRows, long duplicateRows, long outOfOrderRows, Long firstTs, Long lastTs)
      implements
        Serializable {
    static final Stats NONE = new Stats(0, 0, 0, 0, null, null);
  }

  private StreamStats() {}

  public static HashMap<Key, Stats> collect(StageContext ctx) {
    HashMap<Key, Stats> out = new HashMap<>();
    for (StreamKind kind : StreamKind.values()) {
      boolean camera = kind == StreamKind.CAMERA_FRAMES;
      String name = camera ? "camera" : "stream";
      String ts = kind.tsColumn;
      Dataset<Row> table = ctx.readSlice(kind.table);
      Dataset<Row> agg = table.groupBy(col("robot_id"), col("session_id"), col(name)).agg(
          count(lit(1)),
          camera ? lit(0L) : sum(when(col("has_nan"), 1L).otherwise(0L)),
          sum(when(col("duplicate_ts"), 1L).otherwise(0L)),
          sum(when(col("out_of_order"), 1L).otherwise(0L)),
          min(col(ts)),
          max(col(ts)));
      for (Row r : agg.collectAsList()) {
        out.put(new Key(r.getString(0), r.getString(1), r.getString(2)), new Stats(r.getLong(3),
            ((Number) r.get(4)).longValue(), r.getLong(5), r.getLong(6), r.isNullAt(7) ? null : r.getLong(7),
            r.isNullAt(8) ? null : r.getLong(8)));
      }
    }
    return out;
  }

  public static Stats of(Map<Key, Stats> stats, String robotId, String sessionId, String stream) {
    return stats.getOrDefault(new Key(robotId, sessionId, stream), Stats.NONE);
  }
}
