package ai.curate.jobs.stages;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What a stage reports: named counts in the order the stage added them, printed as one summary line. */
public record StageResult(String stage, Map<String, Long> counts, long elapsedMillis) {
  /** Keeps the counts' insertion order ({@code Map.copyOf} would not): the summary line reads as the stage wrote it. */
  public StageResult {
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  public static Builder builder(String stage) {
    return new Builder(stage);
  }

  public String summaryLine() {
    String body = counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    return String.format("%-13s %s (%.1f s)", stage, body, elapsedMillis / 1000.0);
  }

  public static final class Builder {
    private final String stage;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();

    private Builder(String stage) {
      this.stage = stage;
    }

    public Builder count(String name, long value) {
      counts.put(name, value);
      return this;
    }

    public StageResult build() {
      return new StageResult(stage, counts, (System.nanoTime() - startNanos) / 1_000_000);
    }
  }
}
