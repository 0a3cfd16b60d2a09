package ai.curate.jobs.stages;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the stage graph a registry declares, when the registry is built: a mistake in a registration line fails every
 * command (and the tests) at once, instead of an Airflow DAG that waits forever or never runs a stage.
 */
final class StageGraph {
  private StageGraph() {}

  /**
   * Fails when a stage runs after an unregistered stage, when the graph has a cycle, or when a stage is registered
   * before a stage it runs after ({@code curate run} runs the stages in registration order).
   *
   * @param after each stage's predecessors, keyed by stage name in registration order
   */
  static void check(Map<String, List<String>> after) {
    after.forEach((stage, before) -> {
      for (String name : before) {
        if (!after.containsKey(name)) {
          throw new IllegalStateException("stage '" + stage + "' runs after '" + name
              + "', which is not a registered stage (stages: " + String.join(", ", after.keySet()) + ")");
        }
      }
    });
    for (String stage : after.keySet()) {
      List<String> cycle = cycleFrom(stage, after, new ArrayList<>(), new HashSet<>());
      if (cycle != null) {
        throw new IllegalStateException("the stages run after each other in a cycle: " + String.join(" after ", cycle));
      }
    }
    List<String> registered = new ArrayList<>();
    after.forEach((stage, before) -> {
      for (String name : before) {
        if (!registered.contains(name)) {
          throw new IllegalStateException("stage '" + stage + "' runs after '" + name
              + "' but is registered before it: register '" + name + "' first");
        }
      }
      registered.add(stage);
    });
  }

  /** A path {@code stage, ..., stage} of predecessors that returns to {@code path}'s start, or null. */
  private static List<String> cycleFrom(String stage, Map<String, List<String>> after, List<String> path,
      Set<String> done) {
    int seen = path.indexOf(stage);
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
      cycle.add(stage);
      return cycle;
    }
    if (!done.add(stage)) {
      return null;
    }
    path.add(stage);
    for (String before : after.get(stage)) {
      List<String> cycle = cycleFrom(before, after, path, done);
      if (cycle != null) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    return null;
  }
}
