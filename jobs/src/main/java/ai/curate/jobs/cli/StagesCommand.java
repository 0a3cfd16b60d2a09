package ai.curate.jobs.cli;

import ai.curate.jobs.stages.StageRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stages", mixinStandardHelpOptions = true,
    description = "List the pipeline's stages in run order (machine-readable with --json).")
public final class StagesCommand implements Callable<Integer> {
  @Option(names = "--json", description = "One JSON object a line: {\"name\": STAGE}.")
  boolean json;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    for (String name : StageRegistry.standard().names()) {
      out.println(json ? "{\"name\":\"" + name + "\"}" : name);
    }
    out.flush();
    return 0;
  }
}
