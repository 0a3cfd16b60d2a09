package ai.curate.jobs.sample;

import java.util.List;
import java.util.Map;

/** What the generator decides before writing anything: sessions, episodes, clips, and where faults go. */
final class Plans {
  private Plans() {}

  /** A fault to plant in a session or clip; {@code episode} is the episode ordinal it targets, or -1. */
  record FaultSpec(FaultKind kind, String stream, int episode) {}

  record Annotation(double atS, String type, Map<String, Object> fields) {}

  record Episode(String episodeId, TaskCatalog.Task task, double startS, double endS, boolean success,
      List<Annotation> annotations) {
    double duration() {
      return endS - startS;
    }

    double at(double fraction) {
      return startS + fraction * duration();
    }
  }

  record Session(String robotId, String sessionId, long startTsNs, double durationS, long seed,
      List<Episode> episodes, Map<String, Long> clockOffsetsNs, String softwareVersion, List<FaultSpec> faults) {
    String relativeDir(String date) {
      return "fleet/date=" + date + "/" + robotId + "/" + sessionId;
    }

    long tsNs(double seconds) {
      return startTsNs + Math.round(seconds * 1e9);
    }

    boolean has(FaultKind kind) {
      return faults.stream().anyMatch(f -> f.kind() == kind);
    }

    FaultSpec fault(FaultKind kind) {
      return faults.stream().filter(f -> f.kind() == kind).findFirst().orElse(null);
    }
  }

  record Clip(String dataset, String clipId, double durationS, long seed, TaskCatalog.Task task, String license,
      List<FaultSpec> faults) {
    String relativeDir(String date) {
      return "human/date=" + date + "/" + dataset + "/" + clipId;
    }

    boolean has(FaultKind kind) {
      return faults.stream().anyMatch(f -> f.kind() == kind);
    }
  }
}
