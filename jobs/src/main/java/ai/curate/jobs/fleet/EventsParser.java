package ai.curate.jobs.fleet;

import ai.curate.jobs.ledger.Excerpt;
import ai.curate.retargeting.io.BoundedLineReader;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code events.jsonl} line by line (lines end at {@code \n}, {@code \r\n} or {@code \r}): a line longer than
 * the limit (skipped unread) or a bad line (not JSON, no type, a time outside {@link TimeBounds}, an
 * {@code episode_id} that is not an {@link Identifiers#ID}) is reported and skipped, the others are kept. Then
 * {@link EpisodeEvents} reports episodes whose boundary events are missing or inverted.
 */
public final class EventsParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** @param skipped whether the line was left out of the events (else it is kept and only reported) */
  public record Problem(String kind, int line, String why, boolean skipped) {
    Problem(String kind, int line, String why) {
      this(kind, line, why, true);
    }
  }

  public record Result(List<EventRecord> events, List<Problem> problems) {}

  private EventsParser() {}

  /** @param maxLineBytes longest line read; a longer one is skipped unread (one problem) */
  public static Result parse(byte[] bytes, long maxLineBytes) {
    List<EventRecord> events = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    BoundedLineReader lines = new BoundedLineReader(
        new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8), maxLineBytes);
    BoundedLineReader.Line next;
    while ((next = nextLine(lines)) != null) {
      int number = next.number();
      if (next.tooLong()) {
        problems.add(new Problem(FleetIngestErrors.EVENT_LINE_TOO_LONG, number, "the line is " + next.bytes()
            + " bytes, longer than the limit of " + maxLineBytes + " bytes (fleet_ingest.max_event_line_bytes): it"
            + " was not read (an event is a few hundred bytes)"));
        continue;
      }
      String line = next.text();
      if (line.isBlank()) {
        continue;
      }
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        problems.add(new Problem(FleetIngestErrors.EVENT_MALFORMED, number,
            "not valid JSON (" + ManifestParser.jacksonReason(e) + ")"));
        continue;
      }
      if (node == null || !node.isObject()) {
        problems.add(new Problem(FleetIngestErrors.EVENT_MALFORMED, number, "not a JSON object"));
        continue;
      }
      JsonNode ts = node.get("ts_ns");
      if (ts == null || !ts.isIntegralNumber() || !ts.canConvertToLong()) {
        problems.add(new Problem(FleetIngestErrors.EVENT_INVALID, number,
            "\"ts_ns\" (integer nanoseconds, robot clock) is missing or not an integer"));
        continue;
      }
      if (!TimeBounds.isTimestamp(ts.asLong())) {
        problems.add(new Problem(FleetIngestErrors.EVENT_TIME_INVALID, number, "\"ts_ns\" " + ts.asLong()
            + " is outside " + TimeBounds.timestampRange()));
        continue;
      }
      JsonNode type = node.get("type");
      if (type == null || !type.isTextual() || type.asText().isBlank()) {
        problems.add(new Problem(FleetIngestErrors.EVENT_INVALID, number, "\"type\" (a string) is missing"));
        continue;
      }
      String episodeId = text(node, "episode_id");
      if (episodeId != null && !Identifiers.isId(episodeId)) {
        problems.add(new Problem(FleetIngestErrors.EVENT_INVALID, number, "\"episode_id\" "
            + Excerpt.quoted(episodeId) + " is not a valid id (" + Identifiers.ID.pattern() + ")"));
        continue;
      }
      JsonNode success = node.get("success");
      events.add(new EventRecord(number, ts.asLong(), type.asText(), episodeId, text(node, "task"),
          text(node, "prompt"), success != null && success.isBoolean() ? success.asBoolean() : null, line));
    }
    problems.addAll(EpisodeEvents.check(events));
    return new Result(List.copyOf(events), List.copyOf(problems));
  }

  private static BoundedLineReader.Line nextLine(BoundedLineReader lines) {
    try {
      return lines.next();
    } catch (IOException e) {
      throw new UncheckedIOException("reading events from memory failed", e);
    }
  }

  private static String text(JsonNode node, String key) {
    JsonNode v = node.get(key);
    return v == null || v.isNull() ? null : v.asText();
  }
}
