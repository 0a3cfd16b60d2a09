package ai.curate.jobs.cli;

import ai.curate.jobs.errors.UserError;
import java.io.PrintWriter;
import org.apache.spark.sql.AnalysisException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code curate}: the command-line interface (contract: ../shared/DESIGN.md §6). */
@Command(name = "curate", mixinStandardHelpOptions = true, versionProvider = CurateCli.Version.class,
    description = "Curate humanoid-robot fleet logs and human video into training-ready Delta tables.",
    subcommands = {DemoCommand.class, GenerateSampleCommand.class, RunCommand.class, SqlCommand.class,
        StagesCommand.class, ConfigCommand.class, FkCommand.class, RetargetCommand.class, ReportCommand.class,
        ManifestCommand.class, CommandLine.HelpCommand.class})
public final class CurateCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new CurateCli());
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
    if (isUserError(e)) {
      err.println(who + ": " + oneLine(e.getMessage()));
      err.flush();
      return UserError.EXIT_CODE;
    }
    err.println(who + ": internal error, please report it with the trace below: " + e);
    e.printStackTrace(err);
    err.flush();
    return 1;
  }

  /**
   * User errors print one line. They are {@link UserError}, this project's own {@link IllegalArgumentException}
   * subclasses (library input errors such as a malformed URDF), and SQL analysis errors in {@code curate sql}.
   */
  static boolean isUserError(Throwable e) {
    if (e instanceof UserError || e instanceof AnalysisException) {
      return true;
    }
    return e instanceof IllegalArgumentException && e.getClass().getName().startsWith("ai.curate.");
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
