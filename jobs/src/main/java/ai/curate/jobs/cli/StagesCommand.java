package ai.curate.jobs.cli;

import ai.curate.jobs.stages.StageRegistry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "stages", mixinStandardHelpOptions = true,
    description = "List the pipeline's stages in run order and the stages each runs after (machine-readable with "
        + "--json; the Airflow DAG reads that output from the file CURATE_STAGES_FILE names).")
public final class StagesCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--json",
      description = "One JSON object a line, in run order: {\"name\": STAGE, \"after\": [STAGE...]}.")
  boolean json;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    StageRegistry registry = StageRegistry.standard();
    (json ? jsonLines(registry) : textLines(registry)).forEach(out::println);
    out.flush();
    return 0;
  }

  /** The stage graph as {@code curate stages --json} prints it: one {"name", "after"} object a line, in run order. */
  public static List<String> jsonLines(StageRegistry registry) {
    List<String> lines = new ArrayList<>();
    for (String name : registry.names()) {
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("name", name);
      stage.put("after", registry.after(name));
      try {
        lines.add(JSON.writeValueAsString(stage));
      } catch (JsonProcessingException e) {
        throw new UncheckedIOException(e);
      }
    }
    return lines;
  }

  /** One line a stage, e.g. {@code quality   after align, retarget}; first stages show their name only. */
  private static List<String> textLines(StageRegistry registry) {
    int width = registry.names().stream().mapToInt(String::length).max().orElse(0);
    List<String> lines = new ArrayList<>();
    for (String name : registry.names()) {
      List<String> after = registry.after(name);
      lines.add(after.isEmpty() ? name : String.format("%-" + width + "s  after %s", name, String.join(", ", after)));
    }
    return lines;
  }
}
