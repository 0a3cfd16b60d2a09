package ai.curate.transforms.gold;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * gold.quality_report and gold.quarantine rows as the quality stage writes them (the projections of
 * ai.curate.quality.QualityResult plus capture_date and run_id): every entity scored by three rules, a failed
 * quarantine rule for held-back entities, a failed warn rule for some.
 */
public final class QualityFixtures {
  private QualityFixtures() {}

  public static final StructType REPORT = new StructType()
      .add("capture_date", DateType, false)
      .add("entity_type", StringType, false)
      .add("entity_id", StringType, false)
      .add("rule", StringType, false)
      .add("value", DoubleType)
      .add("threshold", StringType)
      .add("passed", BooleanType, false)
      .add("severity", StringType, false)
      .add("tags", createArrayType(StringType, false))
      .add("message", StringType)
      .add("run_id", StringType)
      .add("robot_id", StringType)
      .add("session_id", StringType)
      .add("dataset", StringType);

  private static final StructType REASON = new StructType()
      .add("rule", StringType).add("value", DoubleType).add("threshold", StringType).add("message", StringType);

  public static final StructType QUARANTINE = new StructType()
      .add("capture_date", DateType, false)
      .add("entity_type", StringType, false)
      .add("entity_id", StringType, false)
      .add("reasons", createArrayType(REASON, false))
      .add("run_id", StringType)
      .add("robot_id", StringType)
      .add("session_id", StringType)
      .add("dataset", StringType);

  /**
   * One entity's verdict: {@code entityType} is "episode" (identified with robot and session) or "clip" (with
   * dataset); the identity columns another type has are null.
   */
  public record Verdict(LocalDate date, String entityType, String entityId, boolean quarantined, boolean warned,
      String robotId, String sessionId, String dataset) {
    public static Verdict episode(LocalDate date, String robotId, String sessionId, String episodeId,
        boolean quarantined, boolean warned) {
      return new Verdict(date, "episode", episodeId, quarantined, warned, robotId, sessionId, null);
    }

    public static Verdict clip(LocalDate date, String dataset, String clipId, boolean quarantined, boolean warned) {
      return new Verdict(date, "clip", clipId, quarantined, warned, null, null, dataset);
    }
  }

  public static Dataset<Row> report(SparkSession spark, List<Verdict> verdicts) {
    List<Row> rows = new ArrayList<>();
    for (Verdict v : verdicts) {
      Date d = Date.valueOf(v.date());
      double coverage = v.quarantined() ? 0.5 : 0.99;
      rows.add(RowFactory.create(d, v.entityType(), v.entityId(), "coverage", coverage, ">= 0.9", coverage >= 0.9,
          "quarantine", List.of("coverage"), v.quarantined() ? "coverage 0.5 below 0.9" : null, "quality-run",
          v.robotId(), v.sessionId(), v.dataset()));
      rows.add(RowFactory.create(d, v.entityType(), v.entityId(), "idle_fraction", v.warned() ? 0.4 : 0.1, "<= 0.3",
          !v.warned(), "warn", List.of("motion"), v.warned() ? "idle 40%" : null, "quality-run", v.robotId(),
          v.sessionId(), v.dataset()));
      rows.add(RowFactory.create(d, v.entityType(), v.entityId(), "structural_has_steps", null, "", true,
          "quarantine", List.<String>of(), null, "quality-run", v.robotId(), v.sessionId(), v.dataset()));
    }
    return spark.createDataFrame(rows, REPORT);
  }

  public static Dataset<Row> quarantine(SparkSession spark, List<Verdict> verdicts) {
    List<Row> rows = new ArrayList<>();
    for (Verdict v : verdicts) {
      if (v.quarantined()) {
        rows.add(RowFactory.create(Date.valueOf(v.date()), v.entityType(), v.entityId(),
            List.of(RowFactory.create("coverage", 0.5, ">= 0.9", "coverage 0.5 below 0.9")), "quality-run",
            v.robotId(), v.sessionId(), v.dataset()));
      }
    }
    return spark.createDataFrame(rows, QUARANTINE);
  }
}
