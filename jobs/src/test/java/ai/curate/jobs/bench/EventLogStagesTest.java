package ai.curate.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The e2e memory run's per-stage table from Spark event-log lines (the fields as Spark 3.5 writes them). */
class EventLogStagesTest {
  @TempDir
  Path dir;

  @Test
  void chargesTasksToTheStageThatStartedTheirJobAndSkipsACutLastLine() throws IOException {
    Path log = dir.resolve("app-1.inprogress");
    Files.write(log, List.of(
        "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.3\"}",
        job(0, List.of(0, 1), "ingest-fleet 2026-01-15"),
        task(0, "Success", 1500, 1_200_000_000L, 40, 0, 64L << 20),
        task(1, "Success", 500, 300_000_000L, 10, 3L << 20, 128L << 20),
        job(1, List.of(2), "Delta: Compute snapshot for version: 3"),
        task(2, "Success", 100, 50_000_000L, 0, 0, 0),
        job(2, List.of(3), "align 2026-01-15"),
        task(3, "ExceptionFailure", 2000, 1_000_000_000L, 700, 5L << 20, 256L << 20),
        task(3, "Success", 2500, 2_000_000_000L, 100, 7L << 20, 512L << 20),
        "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":3,\"Task Metr"));

    Map<String, EventLogStages.Totals> stages = EventLogStages.read(log);

    assertThat(stages.keySet()).containsExactly("ingest-fleet", "Delta:", "align");
    EventLogStages.Totals ingest = stages.get("ingest-fleet");
    assertThat(ingest.jobs).isEqualTo(1);
    assertThat(ingest.tasks).isEqualTo(2);
    assertThat(ingest.runMs).isEqualTo(2000);
    assertThat(ingest.cpuNs).isEqualTo(1_500_000_000L);
    assertThat(ingest.gcMs).isEqualTo(50);
    assertThat(ingest.diskSpilled).isEqualTo(3L << 20);
    assertThat(ingest.peakExecutionMax).isEqualTo(128L << 20);
    EventLogStages.Totals align = stages.get("align");
    assertThat(align.tasks).isEqualTo(2);
    assertThat(align.failed).isEqualTo(1);
    assertThat(align.diskSpilled).isEqualTo(12L << 20);
    assertThat(EventLogStages.table(stages))
        .contains("| ingest-fleet | 1 | 2 | 0 | 2.0 | 1.5 | 0.1 | 3 | 128 |")
        .contains("| Delta log jobs (all stages) | 1 | 1 | 0 |")
        .contains("| align | 1 | 2 | 1 | 4.5 | 3.0 | 0.8 | 12 | 512 |");
  }

  private static String job(int id, List<Integer> stages, String description) {
    return "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":" + id + ",\"Stage IDs\":" + stages
        + ",\"Properties\":{\"spark.job.description\":\"" + description + "\"}}";
  }

  private static String task(int stage, String reason, long runMs, long cpuNs, long gcMs, long spilled, long peak) {
    return "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":" + stage + ",\"Task End Reason\":{\"Reason\":\""
        + reason + "\"},\"Task Metrics\":{\"Executor Run Time\":" + runMs + ",\"Executor CPU Time\":" + cpuNs
        + ",\"JVM GC Time\":" + gcMs + ",\"Disk Bytes Spilled\":" + spilled + ",\"Peak Execution Memory\":" + peak
        + "}}";
  }
}
