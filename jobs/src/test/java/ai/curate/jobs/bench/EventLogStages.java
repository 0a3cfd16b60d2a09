package ai.curate.jobs.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What the executors did for each stage of a {@code curate run}, from Spark's event log: the tasks' run and CPU time,
 * garbage collection, bytes spilled to disk, the largest peak execution memory of one task, and failed tasks. Jobs
 * are charged to the stage named by the first word of their description ({@code curate run} sets it per stage;
 * Delta's own log jobs are described "Delta: ...").
 */
final class EventLogStages {
  /** One stage's totals over its tasks. */
  static final class Totals {
    int jobs;
    int tasks;
    int failed;
    long runMs;
    long cpuNs;
    long gcMs;
    long diskSpilled;
    long peakExecutionMax;
  }

  private EventLogStages() {}

  /** Totals per stage, in the order the stages first started a job. */
  static Map<String, Totals> read(Path eventLog) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<Integer, String> stageOfSparkStage = new HashMap<>();
    Map<String, Totals> out = new LinkedHashMap<>();
    try (BufferedReader in = Files.newBufferedReader(eventLog, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode e;
        try {
          e = json.readTree(line);
        } catch (JsonProcessingException cut) {
          continue; // the last line of a log whose application was killed
        }
        switch (e.path("Event").asText()) {
          case "SparkListenerJobStart" -> {
            String name = e.path("Properties").path("spark.job.description").asText("?").split(" ")[0];
            out.computeIfAbsent(name, k -> new Totals()).jobs++;
            e.path("Stage IDs").forEach(id -> stageOfSparkStage.put(id.asInt(), name));
          }
          case "SparkListenerTaskEnd" -> {
            Totals t = out.computeIfAbsent(stageOfSparkStage.getOrDefault(e.path("Stage ID").asInt(), "?"),
                k -> new Totals());
            JsonNode m = e.path("Task Metrics");
            t.tasks++;
            t.failed += "Success".equals(e.path("Task End Reason").path("Reason").asText()) ? 0 : 1;
            t.runMs += m.path("Executor Run Time").asLong();
            t.cpuNs += m.path("Executor CPU Time").asLong();
            t.gcMs += m.path("JVM GC Time").asLong();
            t.diskSpilled += m.path("Disk Bytes Spilled").asLong();
            t.peakExecutionMax = Math.max(t.peakExecutionMax, m.path("Peak Execution Memory").asLong());
          }
          default -> {
            // other events carry nothing this table needs
          }
        }
      }
    }
    return out;
  }

  /** The totals as a Markdown table. */
  static String table(Map<String, Totals> stages) {
    StringBuilder s = new StringBuilder("| stage | jobs | tasks | failed tasks | executor run s | executor CPU s | GC s"
        + " | spilled to disk MB | largest task peak execution memory MB |\n|---|---|---|---|---|---|---|---|---|\n");
    stages.forEach((name, t) -> s.append(String.format(Locale.ROOT, "| %s | %d | %d | %d | %.1f | %.1f | %.1f | %d"
        + " | %d |%n", name.equals("Delta:") ? "Delta log jobs (all stages)" : name, t.jobs, t.tasks, t.failed,
        t.runMs / 1e3, t.cpuNs / 1e9, t.gcMs / 1e3, t.diskSpilled >> 20, t.peakExecutionMax >> 20)));
    return s.toString();
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: EventLogStages EVENT_LOG_FILE");
      System.exit(2);
    }
    System.out.print(table(read(Path.of(args[0]))));
  }
}
