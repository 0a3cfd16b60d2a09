package ai.curate.jobs.human;

import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.video.VideoIntegrity;
import java.io.Serializable;
import java.util.List;

/** The few numbers of one clip the driver needs for the stage summary (the rows themselves stay on executors). */
record ClipOutcome(boolean ingested, boolean damaged, long frames, long poses, long ledgerEntries)
    implements
      Serializable {

  static ClipOutcome of(ClipIngestResult r) {
    if (!r.ingested()) {
      return new ClipOutcome(false, false, 0, 0, r.errors().size());
    }
    boolean damaged = VideoIntegrity.DAMAGED.equals(r.video().summary().integrity().status());
    long poses = r.pose() == null ? 0 : r.pose().frames().size();
    return new ClipOutcome(true, damaged, r.video().frames().size(), poses, r.errors().size());
  }

  /** Fills the stage summary; every listed clip must be either ingested or rejected. */
  static StageResult.Builder count(List<ClipOutcome> outcomes, int listed, StageResult.Builder result) {
    long ingested = outcomes.stream().filter(ClipOutcome::ingested).count();
    long rejected = outcomes.size() - ingested;
    if (outcomes.size() != listed) {
      throw new IllegalStateException("ingest-human lost clips: listed " + listed + " but got " + outcomes.size()
          + " results");
    }
    return result
        .count("clips", listed)
        .count("ingested", ingested)
        .count("rejected", rejected)
        .count("damaged_videos", outcomes.stream().filter(ClipOutcome::damaged).count())
        .count("frames", outcomes.stream().mapToLong(ClipOutcome::frames).sum())
        .count("poses", outcomes.stream().mapToLong(ClipOutcome::poses).sum())
        .count("ledger_errors", outcomes.stream().mapToLong(ClipOutcome::ledgerEntries).sum());
  }
}
