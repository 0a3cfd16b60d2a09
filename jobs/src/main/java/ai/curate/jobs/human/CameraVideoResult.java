package ai.curate.jobs.human;

import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.video.FleetVideoAnalysis;
import java.io.Serializable;
import java.util.List;

/**
 * One fleet camera video decoded on an executor: its analysis and ledger entries (warnings), or, when it could not
 * be decoded at all, no analysis and exactly one rejecting entry.
 */
public record CameraVideoResult(CameraVideoLocation video, Long videoBytes, FleetVideoAnalysis analysis,
    List<IngestError> errors) implements Serializable {

  public boolean decoded() {
    return analysis != null;
  }
}
