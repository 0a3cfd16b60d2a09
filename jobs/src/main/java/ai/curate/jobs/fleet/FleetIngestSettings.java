package ai.curate.jobs.fleet;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.config.Settings;
import java.io.Serializable;

/**
 * Tuning and read limits of {@code ingest-fleet}, from the config section {@code fleet_ingest}: {@code slice_mb}
 * (record-batch bytes per read task), {@code max_small_file_mb} (largest manifest.json or events.jsonl read) and
 * {@code max_event_line_bytes} (longest events.jsonl line read). All are checked at load.
 */
public record FleetIngestSettings(long sliceBytes, long maxSmallFileBytes, long maxEventLineBytes)
    implements
      Serializable {
  public FleetIngestSettings {
    if (sliceBytes <= 0 || maxSmallFileBytes <= 0 || maxEventLineBytes <= 0) {
      throw new IllegalArgumentException("fleet ingest sizes must be positive, got slice " + sliceBytes
          + ", small-file limit " + maxSmallFileBytes + " and event line limit " + maxEventLineBytes);
    }
    if (maxSmallFileBytes >= Integer.MAX_VALUE) {
      // The file is read into one byte array.
      throw new IllegalArgumentException("the small-file limit must be below 2 GiB, got " + maxSmallFileBytes);
    }
  }

  /** The default event line limit. */
  public FleetIngestSettings(long sliceBytes, long maxSmallFileBytes) {
    this(sliceBytes, maxSmallFileBytes, Settings.FLEET_MAX_EVENT_LINE_BYTES.defaultValue());
  }

  public static FleetIngestSettings defaults() {
    return new FleetIngestSettings(64L << 20, 64L << 20);
  }

  public static FleetIngestSettings from(CurateConfig.FleetIngestConfig c) {
    return new FleetIngestSettings(bytes(c.sliceMb()), bytes(c.maxSmallFileMb()), c.maxEventLineBytes());
  }

  private static long bytes(double megabytes) {
    return (long) (megabytes * (1 << 20));
  }
}
