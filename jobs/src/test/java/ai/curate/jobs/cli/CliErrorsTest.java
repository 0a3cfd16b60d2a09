package ai.curate.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.config.ConfigFixtures;
import org.junit.jupiter.api.Test;

/** User errors print exactly one line and exit 2; nothing here needs Spark because validation happens first. */
class CliErrorsTest {
  private static CliRun run(String... args) {
    return CliRun.of(args);
  }

  @Test
  void unknownCommandIsOneLine() {
    CliRun r = run("frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("frobnicate");
  }

  @Test
  void missingDateIsOneLine() {
    CliRun r = run("run");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("--date");
  }

  @Test
  void badDateIsOneLineAndSaysTheFormat() {
    CliRun r = run("run", "--date", "24/11/2026");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("YYYY-MM-DD");
  }

  @Test
  void unknownStageNamesTheKnownOnes() {
    CliRun r = run("run", "--date", "2026-01-15", "--stages", "ingest-flet");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("ingest-flet").contains("ingest-fleet, ingest-human, align, retarget, quality, publish");
  }

  @Test
  void badConfigOverrideIsOneLineNamingTheKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path conf = ConfigFixtures.withSettings(java.util.Map.of("paths.raw", "r", "paths.warehouse", "w"))
        .writeTo(dir.resolve("c.yaml"));
    CliRun r = run("sql", "--config", conf.toString(), "--set", "catalog.kidn=x", "SELECT 1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("catalog.kidn");
  }

  private static String neoUrdf() {
    return java.nio.file.Path.of(System.getProperty("curate.project.dir", "..")).resolve("configs/robots/neo/neo.urdf").toString();
  }

  @Test
  void fkPrintsThePoseAsJson() throws Exception {
    CliRun r = run("fk", "--urdf", neoUrdf(), "--tip", "right_index_tip", "--base", "right_wrist",
        "--joints", "right_index_mcp_flex=0.3");
    assertThat(r.code()).as(r.err()).isZero();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(json.get("base").asText()).isEqualTo("right_wrist");
    assertThat(json.get("position")).hasSize(3);
    assertThat(json.get("rotation")).hasSize(3);
  }

  @Test
  void fkUserErrorsAreOneLine() {
    CliRun unknownLink = run("fk", "--urdf", neoUrdf(), "--tip", "no_such_link");
    assertThat(unknownLink.code()).isEqualTo(2);
    assertThat(unknownLink.err().strip().lines()).hasSize(1);
    assertThat(unknownLink.err()).contains("no_such_link");
    CliRun unknownJoint = run("fk", "--urdf", neoUrdf(), "--tip", "right_index_tip", "--joints", "elbow_of_doom=1");
    assertThat(unknownJoint.code()).isEqualTo(2);
    assertThat(unknownJoint.err().strip().lines()).hasSize(1);
    assertThat(unknownJoint.err()).contains("elbow_of_doom");
    CliRun missingFile = run("fk", "--urdf", "/nonexistent.urdf", "--tip", "x");
    assertThat(missingFile.code()).isEqualTo(2);
    assertThat(missingFile.err().strip().lines()).hasSize(1);
  }

  @Test
  void everyCommandHasHelp() {
    for (String cmd : CurateCli.commandLine().getSubcommands().keySet()) {
      if (cmd.equals("help")) {
        continue;
      }
      CliRun r = run(cmd, "--help");
      assertThat(r.code()).as(cmd + " --help").isZero();
      assertThat(r.out()).as(cmd + " --help").contains("Usage:");
    }
  }

  @Test
  void stagesJsonListsEveryStageInOrder() {
    CliRun r = run("stages", "--json");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines().map(l -> l.replaceAll(".*\"name\":\"([^\"]+)\".*", "$1")).toList())
        .containsExactly("ingest-fleet", "ingest-human", "align", "retarget", "quality", "publish");
    assertThat(r.out().lines()).allMatch(l -> l.contains("\"available\":"));
  }
}
