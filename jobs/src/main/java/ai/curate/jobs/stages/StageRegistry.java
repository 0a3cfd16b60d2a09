package ai.curate.jobs.stages;

import ai.curate.jobs.errors.CurateErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pipeline's stages in run order. A stage that a later issue fills in is listed with the issue that builds it,
 * and {@code curate run} says so instead of pretending to run it.
 */
public final class StageRegistry {
  public record Entry(String name, String plannedIn, Supplier<Stage> factory) {
    public boolean available() {
      return factory != null;
    }
  }

  private final Map<String, Entry> entries = new LinkedHashMap<>();

  public static StageRegistry standard() {
    StageRegistry r = new StageRegistry();
    r.add(new Entry("ingest-fleet", "issue #3", ai.curate.jobs.fleet.FleetIngestStage::new));
    r.add(new Entry("ingest-human", "issue #4", ai.curate.jobs.human.HumanIngestStage::new));
    r.add(new Entry("align", "issue #5", ai.curate.jobs.align.AlignStage::new));
    r.add(new Entry("retarget", "issue #6", ai.curate.jobs.retarget.RetargetStage::new));
    r.add(new Entry("quality", "issue #7", ai.curate.jobs.quality.QualityStage::new));
    r.add(new Entry("publish", "issue #8", ai.curate.jobs.publish.PublishStage::new));
    return r;
  }

  void add(Entry e) {
    entries.put(e.name(), e);
  }

  public List<String> names() {
    return List.copyOf(entries.keySet());
  }

  public List<String> availableNames() {
    return entries.values().stream().filter(Entry::available).map(Entry::name).toList();
  }

  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** Resolves a {@code --stages} list (null or empty: every available stage) to stages in pipeline order. */
  public List<Stage> select(List<String> requested) {
    List<String> wanted = requested == null || requested.isEmpty() ? availableNames() : requested;
    for (String name : wanted) {
      Entry e = entries.get(name);
      if (e == null) {
        throw CurateErrors.unknownStage(name, names());
      }
      if (!e.available()) {
        throw CurateErrors.stageNotAvailable(name, e.plannedIn(), availableNames());
      }
    }
    List<Stage> ordered = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (wanted.contains(e.name())) {
        ordered.add(e.factory().get());
      }
    }
    return ordered;
  }
}
