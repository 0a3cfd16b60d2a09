package ai.curate.jobs.cli;

import ai.curate.jobs.config.ConfigLoader;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.config.InstallPaths;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE} and repeatable {@code --set key=value}, shared by every command that reads a config. */
public final class ConfigOptions {
  @Option(names = "--config", paramLabel = "FILE",
      description = "YAML config (default: configs/local.yaml of this installation).")
  Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Override a config key, Spark settings included (e.g. --set spark.master=local[2]). Repeatable; the last wins.")
  List<String> overrides = new ArrayList<>();

  public CurateConfig load() {
    return new ConfigLoader().load(configFile(), overrides);
  }

  Path configFile() {
    if (config != null) {
      return config;
    }
    return InstallPaths.home().resolve("configs").resolve("local.yaml");
  }
}
