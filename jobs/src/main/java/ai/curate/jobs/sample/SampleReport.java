package ai.curate.jobs.sample;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** What {@link SampleGenerator} wrote: enough for the CLI to print a summary and for tests to reconcile. */
public record SampleReport(Path out, String date, List<SessionSummary> sessions, List<ClipSummary> clips,
    List<PlantedFault> faults, String videoCodec, long elapsedMillis) {

  public static final String SUMMARY_FILE = "_sample_summary.json";
  public static final String FAULTS_FILE = "_planted_faults.json";
  /** What the planted {@code events_symlink} points at: a file outside the landing zone that ingest must not read. */
  public static final String SYMLINK_TARGET_FILE = "_outside_landing_zone.txt";

  public record SessionSummary(String robotId, String sessionId, String path, boolean clean,
      Map<String, Long> streamRows, Map<String, Long> cameraFrames, List<String> episodeIds) {}

  public record ClipSummary(String dataset, String clipId, String path, boolean clean, int frames) {}

  public long totalRows() {
    return sessions.stream().flatMap(s -> s.streamRows().values().stream()).mapToLong(Long::longValue).sum();
  }

  public List<String> summaryLines() {
    long clean = sessions.stream().filter(SessionSummary::clean).count();
    long cleanClips = clips.stream().filter(ClipSummary::clean).count();
    return List.of(
        "wrote " + sessions.size() + " fleet sessions (" + clean + " clean) and " + clips.size() + " human clips ("
            + cleanClips + " clean) for " + date + " under " + out,
        "  " + totalRows() + " stream rows, video codec " + videoCodec + ", "
            + faults.size() + " planted faults"
            + (faults.isEmpty() ? "" : " (listed in " + out.resolve(FAULTS_FILE) + ")"),
        "  summary: " + out.resolve(SUMMARY_FILE) + String.format(" (%.1f s)", elapsedMillis / 1000.0));
  }
}
