package ai.curate.jobs.cli;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.publish.PublishManifest;
import ai.curate.jobs.spark.SparkSessions;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "manifest", mixinStandardHelpOptions = true,
    description = "Print, as JSON, the gold table versions a training run should pin for one date (Delta time travel).")
public final class ManifestCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--date", required = true, paramLabel = DateOption.LABEL, description = "The logical date.")
  String date;

  @Override
  public Integer call() throws Exception {
    java.time.LocalDate logicalDate = DateOption.parse(date);
    CurateConfig config = configOptions.load();
    try (SparkSession spark = SparkSessions.create(config)) {
      System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(
          PublishManifest.forDate(spark, config.paths().warehouse(), logicalDate)));
    }
    return 0;
  }
}
