package ai.curate.jobs.fleet;

import ai.curate.jobs.ledger.Excerpt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks the episodes a session's events describe. An episode exists only through its {@code episode_start} and
 * {@code episode_end} events: every event carrying an {@code episode_id} whose episode lacks one of them is a
 * {@code stray_episode_event}, and an episode whose first start is after its first end is an
 * {@code episode_time_invalid}. The events stay in {@code bronze.events} (nothing raw is lost); the ledger rows say
 * which episodes downstream stages must not build.
 */
final class EpisodeEvents {
  static final String START = "episode_start";
  static final String END = "episode_end";

  private EpisodeEvents() {}

  static List<EventsParser.Problem> check(List<EventRecord> events) {
    Map<String, List<EventRecord>> byEpisode = new LinkedHashMap<>();
    for (EventRecord e : events) {
      if (e.episodeId() != null) {
        byEpisode.computeIfAbsent(e.episodeId(), k -> new ArrayList<>()).add(e);
      }
    }
    List<EventsParser.Problem> problems = new ArrayList<>();
    for (Map.Entry<String, List<EventRecord>> episode : byEpisode.entrySet()) {
      EventRecord start = first(episode.getValue(), START);
      EventRecord end = first(episode.getValue(), END);
      if (start == null || end == null) {
        String missing = start == null && end == null
            ? "neither an episode_start nor an episode_end event"
            : start == null ? "no episode_start event" : "no episode_end event";
        for (EventRecord e : episode.getValue()) {
          problems.add(new EventsParser.Problem(FleetIngestErrors.STRAY_EPISODE_EVENT, e.lineNumber(),
              Excerpt.quoted(e.type()) + " event of episode \"" + e.episodeId() + "\", which has " + missing
                  + " in this session: no episode is made of it (the event stays in bronze.events)",
              false));
        }
      } else if (start.tsNs() > end.tsNs()) {
        problems.add(new EventsParser.Problem(FleetIngestErrors.EPISODE_TIME_INVALID, start.lineNumber(),
            "episode \"" + episode.getKey() + "\" starts at " + start.tsNs() + " (line " + start.lineNumber()
                + ") after it ends at " + end.tsNs() + " (line " + end.lineNumber() + "): the episode has no valid "
                + "time range (its events stay in bronze.events)",
            false));
      }
    }
    return problems;
  }

  private static EventRecord first(List<EventRecord> events, String type) {
    return events.stream().filter(e -> type.equals(e.type())).findFirst().orElse(null);
  }
}
