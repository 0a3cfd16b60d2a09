package ai.curate.jobs.stages;

import static ai.curate.jobs.stages.StageRegistry.stage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The registry's stage graph and its checks; no Spark: stages are only constructed, never run. */
class StageRegistryTest {
  /** A stage that is only ever named. */
  private static Supplier<Stage> named(String name) {
    return () -> new Stage() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public StageResult run(StageContext context) {
        throw new UnsupportedOperationException(name);
      }
    };
  }

  @Test
  void theStandardGraphIsTheDailyDags() {
    StageRegistry registry = StageRegistry.standard();
    Map<String, List<String>> graph = new LinkedHashMap<>();
    registry.names().forEach(name -> graph.put(name, registry.after(name)));
    assertThat(graph).containsExactly(
        Map.entry("ingest-fleet", List.of()),
        Map.entry("ingest-mcap", List.of("ingest-fleet")),
        Map.entry("ingest-human", List.of("ingest-mcap")),
        Map.entry("align", List.of("ingest-fleet", "ingest-mcap")),
        Map.entry("retarget", List.of("ingest-human")),
        Map.entry("quality", List.of("align", "retarget")),
        Map.entry("publish", List.of("quality")),
        Map.entry("export-clips", List.of("publish")));
  }

  @Test
  void aStageMayRunAfterOnlyRegisteredStages() {
    assertThatThrownBy(() -> StageRegistry.of(List.of(stage(named("a")), stage(named("b"), "a", "c"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stage 'b' runs after 'c', which is not a registered stage (stages: a, b)");
  }

  @Test
  void aCycleIsNamedStageByStage() {
    assertThatThrownBy(() -> StageRegistry.of(List.of(
        stage(named("a"), "c"), stage(named("b"), "a"), stage(named("c"), "b"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the stages run after each other in a cycle: a after c after b after a");
    assertThatThrownBy(() -> StageRegistry.of(List.of(stage(named("a"), "a"))))
        .hasMessage("the stages run after each other in a cycle: a after a");
  }

  @Test
  void aStageIsRegisteredAfterTheStagesItRunsAfter() {
    assertThatThrownBy(() -> StageRegistry.of(List.of(stage(named("b"), "a"), stage(named("a")))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("stage 'b' runs after 'a' but is registered before it: register 'a' first");
  }

  @Test
  void twoStagesMayNotShareAName() {
    assertThatThrownBy(() -> StageRegistry.of(List.of(stage(named("a")), stage(named("a")))))
        .hasMessage("two stages are named 'a'");
  }

  @Test
  void selectKeepsRegistrationOrder() {
    StageRegistry registry = StageRegistry.of(List.of(stage(named("a")), stage(named("b")), stage(named("c"), "a")));
    assertThat(registry.select(List.of("c", "a")).stream().map(Stage::name)).containsExactly("a", "c");
    assertThat(registry.after("b")).isEmpty();
  }
}
