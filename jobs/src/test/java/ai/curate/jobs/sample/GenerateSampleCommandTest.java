package ai.curate.jobs.sample;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.cli.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code curate generate-sample}: one-line errors for bad input, a summary for good input. */
class GenerateSampleCommandTest {
  @TempDir
  Path temp;

  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void writesTheSampleAndSaysWhat() {
    CliRun r = run("generate-sample", "--out", temp.toString(), "--sessions", "1", "--clips", "1",
        "--session-minutes", "0.2", "--clip-seconds", "3", "--seed", "3", "--urdf", SampleFixture.neoUrdf().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote 1 fleet sessions (1 clean) and 1 human clips (1 clean) for 2026-01-15");
    assertThat(temp.resolve(SampleReport.SUMMARY_FILE)).isRegularFile();
    assertThat(temp.resolve(SampleReport.FAULTS_FILE)).isRegularFile();
    assertThat(temp.resolve("fleet/date=2026-01-15")).isDirectory();
    assertThat(temp.resolve("human/date=2026-01-15")).isDirectory();
  }

  @Test
  void formatMcapWritesRecordingsInsteadOfBundles() {
    CliRun r = run("generate-sample", "--out", temp.toString(), "--sessions", "1", "--clips", "0",
        "--session-minutes", "0.2", "--format", "mcap", "--urdf", SampleFixture.neoUrdf().toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(temp.resolve("mcap/date=2026-01-15")).isDirectory();
    assertThat(temp.resolve("fleet")).doesNotExist();
  }

  @Test
  void badInputIsOneLineNamingTheOption() {
    run("generate-sample").assertUserError("--out");
    run("generate-sample", "--out", temp.toString(), "--date", "15.01.2026").assertUserError("YYYY-MM-DD");
    run("generate-sample", "--out", temp.toString(), "--session-minutes", "0.01").assertUserError("--session-minutes");
    run("generate-sample", "--out", temp.toString(), "--sessions", "-1").assertUserError("--sessions");
    run("generate-sample", "--out", temp.toString(), "--clips", "two").assertUserError("--clips");
    run("generate-sample", "--out", temp.toString(), "--urdf", temp.resolve("none.urdf").toString())
        .assertUserError("robot model not found");
    run("generate-sample", "--out", temp.toString(), "--format", "rosbag").assertUserError("--format");
    run("generate-sample", "--out", temp.toString(), "--format", "mcap", "--faults", "--urdf",
        SampleFixture.neoUrdf().toString()).assertUserError("--faults is not available with --format mcap");
  }
}
