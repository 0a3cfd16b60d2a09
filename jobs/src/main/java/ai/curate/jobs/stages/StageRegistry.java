package ai.curate.jobs.stages;

import ai.curate.jobs.align.AlignStage;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.human.HumanIngestStage;
import ai.curate.jobs.publish.PublishStage;
import ai.curate.jobs.quality.QualityStage;
import ai.curate.jobs.retarget.RetargetStage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The pipeline's stages in run order: the one place that lists them. Each stage's name is its own {@link Stage#name()};
 * the CLI's help, {@code curate stages} and (through {@code curate stages --json}) the Airflow DAG follow this list.
 */
public final class StageRegistry {
  /** Stage factories in pipeline order; a new stage is one line here. */
  private static final List<Supplier<Stage>> PIPELINE = List.of(
      FleetIngestStage::new,
      HumanIngestStage::new,
      AlignStage::new,
      RetargetStage::new,
      QualityStage::new,
      PublishStage::new);

  private final Map<String, Supplier<Stage>> byName = new LinkedHashMap<>();

  StageRegistry(List<Supplier<Stage>> factories) {
    for (Supplier<Stage> factory : factories) {
      String name = factory.get().name();
      if (byName.put(name, factory) != null) {
        throw new IllegalStateException("two stages are named '" + name + "'");
      }
    }
  }

  public static StageRegistry standard() {
    return new StageRegistry(PIPELINE);
  }

  /** Stage names in pipeline order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** Resolves a {@code --stages} list (null or empty: every stage) to new stage instances in pipeline order. */
  public List<Stage> select(List<String> requested) {
    List<String> wanted = requested == null || requested.isEmpty() ? names() : requested;
    for (String name : wanted) {
      if (!byName.containsKey(name)) {
        throw CurateErrors.unknownStage(name, names());
      }
    }
    List<Stage> ordered = new ArrayList<>();
    byName.forEach((name, factory) -> {
      if (wanted.contains(name)) {
        ordered.add(factory.get());
      }
    });
    return ordered;
  }
}
