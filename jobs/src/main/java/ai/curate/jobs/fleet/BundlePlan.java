package ai.curate.jobs.fleet;

import ai.curate.jobs.ledger.IngestError;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the planning task learned about one bundle, without reading any sample data: the manifest and lineage, the
 * slices to read, the events, the video probes, and every problem found.
 *
 * @param session null when the session cannot be read at all (it is in the ledger only)
 */
public record BundlePlan(BundleLocation location, Session session, List<StreamSlice> slices, List<EventRecord> events,
    List<VideoInfo> videos, List<IngestError> errors) implements Serializable {

  /**
   * A readable session.
   *
   * @param status per stream and camera name: "ok" or the ledger kind that kept it out
   * @param extraColumns per stream: Arrow columns beyond the contract's (not ingested, listed for lineage)
   * @param checksum SHA-256 over the manifest, events, frame-index footers, every Arrow footer and every file's
   *     name and length (see docs/fleet-ingest.md)
   */
  public record Session(Manifest manifest, int fileCount, long totalBytes, String checksum,
      Map<String, String> status, Map<String, List<String>> extraColumns) implements Serializable {}
}
