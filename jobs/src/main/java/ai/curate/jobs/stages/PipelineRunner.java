package ai.curate.jobs.stages;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Runs the selected stages in order; stops at the first failure so later stages never read half-written input. */
public final class PipelineRunner {
  private PipelineRunner() {}

  public static List<StageResult> run(List<Stage> stages, StageContext context, Consumer<String> progress) {
    List<StageResult> results = new ArrayList<>();
    for (Stage stage : stages) {
      progress.accept("running " + stage.name() + " for " + context.date() + " (run " + context.runId() + ")");
      context.spark().sparkContext().setJobGroup(context.runId(), stage.name() + " " + context.date(), false);
      StageResult result = stage.run(context);
      progress.accept(result.summaryLine());
      results.add(result);
    }
    return results;
  }
}
