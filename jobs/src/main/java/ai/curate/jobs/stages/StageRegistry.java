package ai.curate.jobs.stages;

import ai.curate.jobs.align.AlignStage;
import ai.curate.jobs.clips.ClipExportStage;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.mcap.McapIngestStage;
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
 * The pipeline's stages in run order and the stages each one runs after: the one place that lists them. Each stage's
 * name is its own {@link Stage#name()}; the CLI's help, {@code curate stages} and (through the file
 * {@code curate stages --json} writes) the Airflow DAG's tasks and dependencies follow this list.
 */
public final class StageRegistry {
  /**
   * Stage factories in pipeline order, each with the stages whose tables it reads; a new stage is one line here. The
   * order is the one {@code curate run} uses, so a stage comes after every stage it runs after.
   */
  private static final List<Registration> PIPELINE = List.of(
      stage(FleetIngestStage::new),
      // After ingest-fleet: both replace their own part of the same bronze tables, and concurrent commits conflict.
      stage(McapIngestStage::new, FleetIngestStage.NAME),
      // After ingest-mcap: it decodes the camera videos ingest-mcap re-muxes, as well as the bundles' videos.
      stage(HumanIngestStage::new, McapIngestStage.NAME),
      stage(AlignStage::new, FleetIngestStage.NAME, McapIngestStage.NAME),
      stage(RetargetStage::new, HumanIngestStage.NAME),
      stage(QualityStage::new, AlignStage.NAME, RetargetStage.NAME),
      stage(PublishStage::new, QualityStage.NAME),
      stage(ClipExportStage::new, PublishStage.NAME));

  /** One registration line: how to make the stage, and the names of the stages it runs after. */
  public record Registration(Supplier<Stage> factory, List<String> after) {
    public Registration {
      after = List.copyOf(after);
    }
  }

  private final List<Registration> registrations;
  private final Map<String, Supplier<Stage>> byName = new LinkedHashMap<>();
  private final Map<String, List<String>> after = new LinkedHashMap<>();

  private StageRegistry(List<Registration> registrations) {
    this.registrations = List.copyOf(registrations);
    for (Registration registration : registrations) {
      String name = registration.factory().get().name();
      if (byName.put(name, registration.factory()) != null) {
        throw new IllegalStateException("two stages are named '" + name + "'");
      }
      after.put(name, registration.after());
    }
    StageGraph.check(after);
  }

  /** A registration line: the stage made by {@code factory} runs after the stages named {@code after}. */
  public static Registration stage(Supplier<Stage> factory, String... after) {
    return new Registration(factory, List.of(after));
  }

  /** The pipeline's registry. */
  public static StageRegistry standard() {
    return new StageRegistry(PIPELINE);
  }

  /** A registry of other stages (tests, tools); checked as the standard one is. */
  public static StageRegistry of(List<Registration> registrations) {
    return new StageRegistry(registrations);
  }

  /** The registration lines, e.g. to build a registry of these stages and one more. */
  public List<Registration> registrations() {
    return registrations;
  }

  /** Stage names in pipeline order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The names of the stages {@code name} runs after (none for a first stage), in registration order. */
  public List<String> after(String name) {
    List<String> before = after.get(name);
    if (before == null) {
      throw CurateErrors.unknownStage(name, names());
    }
    return before;
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
