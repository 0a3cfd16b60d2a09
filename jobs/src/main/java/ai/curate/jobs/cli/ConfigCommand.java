package ai.curate.jobs.cli;

import ai.curate.jobs.config.ConfigLoader;
import ai.curate.jobs.config.EffectiveConfigYaml;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"Print the effective settings as YAML, each value commented with where it came from "
        + "(# default, # file <path>, # --set). Every setting: docs/configuration.md."})
public final class ConfigCommand implements Callable<Integer> {
  @Mixin
  ConfigOptions configOptions;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    out.print(EffectiveConfigYaml.write(
        new ConfigLoader().loadEffective(configOptions.configFile(), configOptions.overrides)));
    out.flush();
    return 0;
  }
}
