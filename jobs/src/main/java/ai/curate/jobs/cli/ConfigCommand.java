package ai.curate.jobs.cli;

import ai.curate.jobs.config.ConfigLoader;
import ai.curate.jobs.config.EffectiveConfigYaml;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"Print the effective settings as YAML, each value commented with where it came from "
        + "(# default, # file <path>, # --set). Every setting: docs/configuration.md."})
public final class ConfigCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Mixin
  ConfigOptions options;

  @Override
  public Integer call() {
    String yaml = EffectiveConfigYaml.write(new ConfigLoader().loadEffective(options.configFile(), options.overrides));
    spec.commandLine().getOut().print(yaml);
    spec.commandLine().getOut().flush();
    return 0;
  }
}
