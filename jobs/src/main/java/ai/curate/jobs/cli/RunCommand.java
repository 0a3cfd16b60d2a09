package ai.curate.jobs.cli;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.stages.PipelineRunner;
import ai.curate.jobs.stages.RunIds;
import ai.curate.jobs.stages.Stage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageRegistry;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run pipeline stages for one logical date.")
public final class RunCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--date", required = true, paramLabel = DateOption.LABEL,
      description = "Logical date (the raw date=... partition).")
  String date;

  @Option(names = "--stages", split = ",", paramLabel = "STAGE",
      description = "Comma-separated stages to run (default: every stage).")
  List<String> stages = new ArrayList<>();

  @Option(names = "--run-id", paramLabel = "ID",
      description = "Run id recorded with everything written (default: generated).")
  String runId;

  @Option(names = "--force",
      description = "Repoint table names the catalog has at another location (another warehouse's) to this "
          + "warehouse's tables, for every reader of the catalog. Without it such a run stops before writing.")
  boolean force;

  @Override
  public Integer call() {
    LocalDate logicalDate = DateOption.parse(date);
    StageRegistry registry = StageRegistry.standard();
    List<Stage> selected = registry.select(stages);
    CurateConfig config = configOptions.load();
    String id = runId == null || runId.isBlank() ? RunIds.newRunId(logicalDate) : runId;
    try (SparkSession spark = SparkSessions.create(config)) {
      PipelineRunner.run(selected, new StageContext(spark, config, logicalDate, id, force), System.out::println);
    }
    System.out.println("run " + id + " finished");
    return 0;
  }

  /** Adds the stage list, from the registry, to the command's help (an annotation cannot compute it). */
  static void describeStages(CommandLine run) {
    CommandLine.Model.UsageMessageSpec usage = run.getCommandSpec().usageMessage();
    List<String> lines = new ArrayList<>(List.of(usage.description()));
    lines.add("Stages, in order: " + String.join(", ", StageRegistry.standard().names()) + ".");
    usage.description(lines.toArray(new String[0]));
  }
}
