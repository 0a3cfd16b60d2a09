package ai.curate.jobs.fleet;

import ai.curate.jobs.config.CurateConfig;
import java.io.Serializable;

/**
 * Tuning of {@code ingest-fleet}, from the config section {@code fleet_ingest}: {@code slice_mb} (record-batch bytes
 * per read task) and {@code max_small_file_mb} (largest manifest/events file accepted). Both are checked at load.
 */
public record FleetIngestSettings(long sliceBytes, long maxSmallFileBytes) implements Serializable {
  public FleetIngestSettings {
    if (sliceBytes <= 0 || maxSmallFileBytes <= 0) {
      throw new IllegalArgumentException("fleet ingest sizes must be positive, got slice " + sliceBytes
          + " and small-file limit " + maxSmallFileBytes);
    }
  }

  public static FleetIngestSettings defaults() {
    return new FleetIngestSettings(64L << 20, 64L << 20);
  }

  public static FleetIngestSettings from(CurateConfig.FleetIngestConfig c) {
    return new FleetIngestSettings(bytes(c.sliceMb()), bytes(c.maxSmallFileMb()));
  }

  private static long bytes(double megabytes) {
    return (long) (megabytes * (1 << 20));
  }
}
