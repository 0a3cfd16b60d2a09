package ai.curate.transforms.align.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Generated robot logs for the alignment benchmark, built inside Spark (never in the driver): per episode the
 * streams of a Neo episode — joint_state 500 Hz, wrench_left/right 1 kHz (6 values), tactile_left/right 200 Hz
 * (64 taxels), action 50 Hz — with deterministic jitter, and a 30 Hz grid (the head camera).
 */
final class RobotHourData {
  private RobotHourData() {}

  record StreamSpec(String name, double hz, int width) {}

  static List<StreamSpec> streams(int jointWidth) {
    return List.of(new StreamSpec("joint_state", 500, jointWidth), new StreamSpec("wrench_left", 1000, 6),
        new StreamSpec("wrench_right", 1000, 6), new StreamSpec("tactile_left", 200, 64),
        new StreamSpec("tactile_right", 200, 64), new StreamSpec("action", 50, jointWidth));
  }

  static final long START_NS = 1_700_000_000_000_000_000L;

  static Dataset<Row> samples(SparkSession spark, double hours, int episodes, int jointWidth) {
    long episodeNs = (long) (hours * 3600e9 / episodes);
    Dataset<Row> all = null;
    for (int e = 0; e < episodes; e++) {
      long start = START_NS + e * (episodeNs + 1_000_000_000L);
      for (StreamSpec s : streams(jointWidth)) {
        Dataset<Row> stream = stream(spark, "ep-" + e, s, start, episodeNs);
        all = all == null ? stream : all.union(stream);
      }
    }
    return all;
  }

  static Dataset<Row> grid(SparkSession spark, double hours, int episodes) {
    long episodeNs = (long) (hours * 3600e9 / episodes);
    List<Dataset<Row>> parts = new ArrayList<>();
    for (int e = 0; e < episodes; e++) {
      long start = START_NS + e * (episodeNs + 1_000_000_000L);
      long n = (long) (episodeNs * 30 / 1e9);
      parts.add(spark.range(0, n, 1, partitions(n)).selectExpr("'ep-" + e + "' AS episode_id", "id AS step_index",
          start + "L + CAST(floor(id * 1.0E9D / 30.0D) AS BIGINT) + pmod(hash(id, 'grid'), 2000000) AS ts_ns"));
    }
    return parts.stream().reduce(Dataset::union).orElseThrow();
  }

  private static Dataset<Row> stream(SparkSession spark, String episode, StreamSpec s, long start, long episodeNs) {
    long n = (long) (episodeNs * s.hz() / 1e9);
    long period = (long) (1e9 / s.hz());
    long jitter = Math.max(1, period / 10);
    return spark.range(0, n, 1, partitions(n)).selectExpr(
        "'" + episode + "' AS episode_id",
        "'" + s.name() + "' AS stream",
        start + "L + id * " + period + "L + pmod(hash(id, '" + s.name() + "'), " + jitter + "L) AS ts_ns",
        "id AS seq",
        "transform(sequence(0, " + (s.width() - 1) + "), i -> CAST(sin(id * 0.001D + i) AS FLOAT)) AS values");
  }

  private static int partitions(long rows) {
    return (int) Math.max(1, Math.min(64, rows / 500_000));
  }
}
