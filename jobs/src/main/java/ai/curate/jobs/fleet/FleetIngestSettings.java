package ai.curate.jobs.fleet;

import java.io.Serializable;
import org.apache.spark.sql.SparkSession;

/**
 * Tuning of {@code ingest-fleet}. Read from Spark settings so they can be given with {@code --set} without a new
 * config section: {@code spark.curate.fleet.sliceMb} (record-batch bytes per read task) and
 * {@code spark.curate.fleet.maxSmallFileMb} (largest manifest/events file accepted).
 */
public record FleetIngestSettings(long sliceBytes, long maxSmallFileBytes) implements Serializable {
  public static final String SLICE_MB = "spark.curate.fleet.sliceMb";
  public static final String MAX_SMALL_FILE_MB = "spark.curate.fleet.maxSmallFileMb";

  public FleetIngestSettings {
    if (sliceBytes <= 0 || maxSmallFileBytes <= 0) {
      throw new IllegalArgumentException("fleet ingest sizes must be positive, got slice " + sliceBytes
          + " and small-file limit " + maxSmallFileBytes);
    }
  }

  public static FleetIngestSettings defaults() {
    return new FleetIngestSettings(64L << 20, 64L << 20);
  }

  public static FleetIngestSettings from(SparkSession spark) {
    FleetIngestSettings d = defaults();
    return new FleetIngestSettings(megabytes(spark, SLICE_MB, d.sliceBytes()),
        megabytes(spark, MAX_SMALL_FILE_MB, d.maxSmallFileBytes()));
  }

  private static long megabytes(SparkSession spark, String key, long fallback) {
    String v = spark.conf().get(key, null);
    if (v == null) {
      return fallback;
    }
    try {
      double mb = Double.parseDouble(v.trim());
      if (mb <= 0) {
        throw new NumberFormatException();
      }
      return (long) (mb * (1 << 20));
    } catch (NumberFormatException e) {
      throw ai.curate.jobs.errors.CurateErrors.badConfigValue(key, "must be a positive number of megabytes, got '"
          + v + "'");
    }
  }
}
