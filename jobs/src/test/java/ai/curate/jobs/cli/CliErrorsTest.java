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
    run("frobnicate").assertUserError("frobnicate");
  }

  @Test
  void missingDateIsOneLine() {
    run("run").assertUserError("--date");
  }

  @Test
  void badDateIsOneLineAndSaysTheFormat() {
    run("run", "--date", "24/11/2026").assertUserError("YYYY-MM-DD");
  }

  @Test
  void unknownStageNamesTheKnownOnes() {
    run("run", "--date", "2026-01-15", "--stages", "ingest-flet")
        .assertUserError("ingest-flet", "ingest-fleet, ingest-mcap, ingest-human, align, retarget, quality, publish");
  }

  @Test
  void badConfigOverrideIsOneLineNamingTheKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path conf = ConfigFixtures.withSettings(java.util.Map.of("paths.raw", "r", "paths.warehouse", "w"))
        .writeTo(dir.resolve("c.yaml"));
    run("sql", "--config", conf.toString(), "--set", "catalog.kidn=x", "SELECT 1").assertUserError("catalog.kidn");
  }

  private static String neoUrdf() {
    return java.nio.file.Path.of(System.getProperty("curate.project.dir", "..")).resolve("configs/robots/neo/neo.urdf")
        .toString();
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
    run("fk", "--urdf", neoUrdf(), "--tip", "no_such_link").assertUserError("no_such_link");
    run("fk", "--urdf", neoUrdf(), "--tip", "right_index_tip", "--joints", "elbow_of_doom=1")
        .assertUserError("elbow_of_doom");
    run("fk", "--urdf", "/nonexistent.urdf", "--tip", "x").assertUserError();
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
        .containsExactly("ingest-fleet", "ingest-mcap", "ingest-human", "align", "retarget", "quality",
            "publish", "export-clips");
    // the Airflow DAG's dependencies: each stage with the stages it runs after
    assertThat(r.out().lines()).contains("{\"name\":\"ingest-fleet\",\"after\":[]}",
        "{\"name\":\"quality\",\"after\":[\"align\",\"retarget\"]}");
  }
}
