package ai.curate.jobs.cli;

import ai.curate.jobs.errors.CurateErrors;
import ai.curate.jobs.errors.UserError;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code curate}: the command-line interface (contract: README.md, "The CLI", and each command's --help). */
@Command(name = "curate", mixinStandardHelpOptions = true, versionProvider = CurateCli.Version.class,
    description = "Curate humanoid-robot fleet logs and human video into training-ready Delta tables.",
    subcommands = {DemoCommand.class, GenerateSampleCommand.class, RunCommand.class, SqlCommand.class,
        SqlServerCommand.class, CatalogCommand.class,
        StagesCommand.class, ConfigCommand.class, FkCommand.class, RetargetCommand.class, ReportCommand.class,
        ViewCommand.class, ExportCommand.class,
        ManifestCommand.class, McapCommand.class, CommandLine.HelpCommand.class})
public final class CurateCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new CurateCli());
    RunCommand.describeStages(cl.getSubcommands().get("run"));
    cl.setParameterExceptionHandler(CurateCli::onParameterError);
    cl.setExecutionExceptionHandler(CurateCli::onExecutionError);
    return cl;
  }

  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  private static int onParameterError(CommandLine.ParameterException e, String[] args) {
    CommandLine cmd = e.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println(cmd.getCommandSpec().qualifiedName() + ": " + e.getMessage()
        + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
    err.flush();
    return UserError.EXIT_CODE;
  }

  private static int onExecutionError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    String who = cmd.getCommandSpec().qualifiedName();
    Optional<UserError> userError = CurateErrors.asUserError(e);
    if (userError.isPresent()) {
      err.println(who + ": " + oneLine(userError.get().getMessage()));
      err.flush();
      return UserError.EXIT_CODE;
    }
    err.println(who + ": internal error, please report it with the trace below: " + e);
    e.printStackTrace(err);
    err.flush();
    return 1;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "failed";
    }
    String s = message.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = CurateCli.class.getPackage().getImplementationVersion();
      return new String[] {"curate " + (v == null ? "dev" : v)};
    }
  }
}
