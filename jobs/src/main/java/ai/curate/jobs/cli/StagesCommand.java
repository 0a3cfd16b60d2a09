package ai.curate.jobs.cli;

import ai.curate.jobs.stages.StageRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stages", mixinStandardHelpOptions = true,
    description = "List the pipeline's stages in run order, and which are built (machine-readable with --json).")
public final class StagesCommand implements Callable<Integer> {
  @Option(names = "--json", description = "One JSON object a line: {\"name\", \"available\", \"planned_in\"}.")
  boolean json;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    for (StageRegistry.Entry e : StageRegistry.standard().entries()) {
      if (json) {
        out.printf("{\"name\":\"%s\",\"available\":%s,\"planned_in\":%s}%n", e.name(), e.available(),
            e.available() ? "null" : "\"" + e.plannedIn() + "\"");
      } else {
        out.printf("%-13s %s%n", e.name(), e.available() ? "available" : "not built yet (" + e.plannedIn() + ")");
      }
    }
    out.flush();
    return 0;
  }
}
