package ai.curate.jobs.human;

import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.video.VideoAnalysis;
import ai.curate.retargeting.pose.PoseTrack;
import java.io.Serializable;
import java.util.List;

/**
 * Everything one clip produced on an executor. An ingested clip has metadata and a video analysis (and may carry
 * warnings in {@code errors}); a rejected clip has neither, and exactly one rejecting error says why.
 *
 * @param pose the parsed pose track; null when pose.jsonl is missing
 * @param join pose lines matched to decoded frames; null without a pose track or in key-frame triage mode
 * @param deidentified the face-blurred copy; null when the pass is off or failed (then a warning says why)
 */
public record ClipIngestResult(
    ClipLocation clip,
    ClipMetadata metadata,
    Long videoBytes,
    VideoAnalysis video,
    PoseTrack pose,
    PoseJoin join,
    List<IngestError> errors,
    DeidentifiedCopy deidentified) implements Serializable {

  static ClipIngestResult rejected(ClipLocation clip, IngestError error) {
    return new ClipIngestResult(clip, null, null, null, null, null, List.of(error), null);
  }

  public boolean ingested() {
    return metadata != null && video != null;
  }
}
