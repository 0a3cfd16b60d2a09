package ai.curate.jobs.cli;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.spark.SparkSessions;
import ai.curate.jobs.view.EntityLookup;
import ai.curate.jobs.view.EpisodeView;
import ai.curate.jobs.view.ViewEntity;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "view", mixinStandardHelpOptions = true,
    description = "Write one fleet episode's or human clip's page: a self-contained HTML file (inline SVG plots and "
        + "images, one small inline script, no network) with its quality verdict, its signals on the step grid, the "
        + "steps where each failed rule went wrong shaded on every plot, and camera thumbnails. Prints its path.")
public final class ViewCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions configOptions;

  @Option(names = "--date", required = true, paramLabel = DateOption.LABEL, description = "Logical date.")
  String date;

  @Option(names = "--episode", required = true, paramLabel = "ID",
      description = "Episode id (fleet) or clip id (human), as gold.quality_report's entity_id.")
  String episode;

  @Option(names = "--robot", paramLabel = "ROBOT", description = "Robot id, when the episode id repeats.")
  String robot;

  @Option(names = "--session", paramLabel = "SESSION", description = "Session id, when the episode id repeats.")
  String session;

  @Option(names = "--dataset", paramLabel = "DATASET", description = "Dataset, when the clip id repeats.")
  String dataset;

  @Option(names = "--joints", split = ",", paramLabel = "NAME",
      description = "Joints to plot (URDF names, comma separated). Default: those a failed rule names, then the "
          + "joints that moved most, 6 in all.")
  List<String> joints = new ArrayList<>();

  @Option(names = "--out", paramLabel = "FILE",
      description = "Where to write the page. Default: view-<type>-<identity>.html in the working directory.")
  Path out;

  @Override
  public Integer call() {
    LocalDate logicalDate = DateOption.parse(date);
    if (out != null) {
      requireFolder(out);
    }
    CurateConfig config = configOptions.load();
    Path target;
    String html;
    try (SparkSession spark = SparkSessions.create(config)) {
      EpisodeView view = new EpisodeView(spark, config, logicalDate);
      ViewEntity entity = EntityLookup.find(view.tables(), logicalDate, episode, robot, session, dataset);
      target = out != null ? out : Path.of(entity.fileName());
      html = view.render(entity, joints);
    }
    write(target, html);
    System.out.println("wrote " + target.toAbsolutePath() + " (" + html.getBytes(StandardCharsets.UTF_8).length
        + " bytes)");
    return 0;
  }

  static void requireFolder(Path target) {
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw CurateErrors.outputFolderMissing("--out", parent);
    }
  }

  static void write(Path target, String html) {
    try {
      Files.writeString(target, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CurateErrors.outputNotWritable("--out", target, e);
    }
  }
}
