package ai.curate.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** curate fk on a URDF that urdfdom loads but that carries elements without effect. */
class FkCommandTest {

  @Test
  void aMimicOnAFixedJointIsOneWarningLineOnStderrAndThePoseOnStdout(@TempDir Path dir) throws Exception {
    Path urdf = dir.resolve("humanoid.urdf");
    Files.writeString(urdf, "<robot name=\"h\"><link name=\"torso\"/><link name=\"head\"/><link name=\"arm\"/>"
        + "<joint name=\"neck\" type=\"fixed\"><parent link=\"torso\"/><child link=\"head\"/>"
        + "<origin xyz=\"0 0 0.5\"/><mimic joint=\"shoulder\"/></joint>"
        + "<joint name=\"shoulder\" type=\"revolute\"><parent link=\"torso\"/><child link=\"arm\"/>"
        + "<axis xyz=\"0 0 1\"/><limit lower=\"-1\" upper=\"1\" effort=\"1\" velocity=\"1\"/></joint></robot>");
    CommandLine cl = CurateCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));

    int code = cl.execute("fk", "--urdf", urdf.toString(), "--tip", "head");

    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString().strip().lines()).singleElement().asString().contains("\"tip\":\"head\"");
    assertThat(err.toString().strip().lines()).singleElement().asString()
        .startsWith("warning: ").contains("<mimic> on fixed joints [neck]");
  }
}
