package ai.curate.jobs.cli;

import ai.curate.jobs.clips.ClipExport;
import ai.curate.jobs.clips.ClipExportStage;
import ai.curate.jobs.clips.ClipProfile;
import ai.curate.jobs.clips.ClipSettings;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.stages.RunIds;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code curate export ...}: gold in the formats trainers read. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Export gold in a format trainers read.",
    subcommands = {ExportCommand.Clips.class})
public final class ExportCommand implements Runnable {
  @Override
  public void run() {
    throw CurateErrors.optionInvalid("export", "name what to export: curate export clips --help");
  }

  @Command(name = "clips", mixinStandardHelpOptions = true,
      description = {"Export published episodes as fixed-length training clips: per clip an H.264 MP4 per camera and"
          + " a JSON record, in WebDataset tar shards, indexed in gold.clips (docs/clips.md).",
          "A date whose published episodes and profile are unchanged since its last export into the same folder is"
              + " skipped (--force exports it again)."})
  static final class Clips implements Callable<Integer> {
    @Mixin
    ConfigOptions configOptions;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Root folder of the shards, a path or URI (default: clips.out, else <paths.warehouse>/clips).")
    String out;

    @Option(names = "--profile", paramLabel = "FILE", required = true,
        description = "Clip profile YAML, e.g. configs/clips/world-model-lowres.yaml.")
    String profile;

    @Option(names = "--date", paramLabel = DateOption.LABEL, description = "One date (or --from and --to).")
    String date;

    @Option(names = "--from", paramLabel = DateOption.LABEL, description = "First date of a range.")
    String from;

    @Option(names = "--to", paramLabel = DateOption.LABEL, description = "Last date of a range (inclusive).")
    String to;

    @Option(names = "--source", split = ",", paramLabel = "SOURCE",
        description = "Sources to export: fleet, human (default: every one).")
    List<String> sources = new ArrayList<>();

    @Option(names = "--split", split = ",", paramLabel = "SPLIT",
        description = "Splits to export: train, val, test (default: every one).")
    List<String> splits = new ArrayList<>();

    @Option(names = "--force", description = "Export dates whose inputs are unchanged too.")
    boolean force;

    @Override
    public Integer call() {
      List<LocalDate> dates = dates();
      for (String s : sources) {
        if (!List.of("fleet", "human").contains(s)) {
          throw CurateErrors.optionInvalid("--source", "'" + s + "' is not a source: fleet or human");
        }
      }
      for (String s : splits) {
        if (!List.of("train", "val", "test").contains(s)) {
          throw CurateErrors.optionInvalid("--split", "'" + s + "' is not a split: train, val or test");
        }
      }
      CurateConfig config = configOptions.load();
      ClipSettings settings = ClipSettings.from(config);
      ClipProfile clipProfile = ClipSettings.profile(profile);
      String root = out == null || out.isBlank() ? settings.defaultOut() : out;
      ClipExport.Request request = new ClipExport.Request(root, clipProfile, sources, splits);
      try (SparkSession spark = SparkSessions.create(config)) {
        for (LocalDate d : dates) {
          String runId = RunIds.newRunId(d);
          StageResult.Builder result = StageResult.builder(ClipExportStage.NAME);
          ClipExport.run(new StageContext(spark, config, d, runId), request, settings, force, result);
          System.out.println(d + " " + result.build().summaryLine());
        }
      }
      System.out.println("clips of profile " + clipProfile.name() + " in " + root + "; index: gold.clips");
      return 0;
    }

    private List<LocalDate> dates() {
      if (date != null && (from != null || to != null)) {
        throw CurateErrors.optionInvalid("--date", "give --date or --from and --to, not both");
      }
      if (date != null) {
        return List.of(DateOption.parse(date));
      }
      if (from == null || to == null) {
        throw CurateErrors.optionInvalid("--date", "give --date, or --from and --to");
      }
      LocalDate first = DateOption.parse(from);
      LocalDate last = DateOption.parse(to);
      if (last.isBefore(first)) {
        throw CurateErrors.optionInvalid("--to", to + " is before --from " + from);
      }
      List<LocalDate> out = new ArrayList<>();
      for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
        out.add(d);
      }
      return out;
    }
  }
}
