package ai.curate.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * One run of the {@code curate} command line in the test JVM, with what it printed and its exit code: the shared
 * runner of the CLI tests.
 */
public record CliRun(int code, String out, String err) {

  public static CliRun of(String... args) {
    var cl = CurateCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int code = cl.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  /** Asserts a user error: exit code 2 and exactly one line on stderr containing every {@code mention}. */
  public CliRun assertUserError(String... mentions) {
    assertThat(code).as(err).isEqualTo(2);
    assertThat(err.strip().lines()).as(err).hasSize(1);
    for (String mention : mentions) {
      assertThat(err).contains(mention);
    }
    return this;
  }
}
