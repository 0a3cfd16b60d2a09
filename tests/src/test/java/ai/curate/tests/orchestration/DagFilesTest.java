package ai.curate.tests.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.cli.CurateCli;
import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Airflow DAGs, checked without Airflow: airflow-dags/tests/dag_inspect.py loads every DAG file with a stand-in
 * airflow package and renders the templates; here every task is checked against the real CLI: the job class exists
 * and has a main method, the rendered arguments parse with the CLI's own parser, stage names are the CLI's stages and
 * dates are valid ISO dates.
 */
class DagFilesTest {
  private static JsonNode dags;

  @BeforeAll
  static void inspectDags() throws Exception {
    dags = inspect();
  }

  /** Runs dag_inspect.py over airflow-dags/ and returns its JSON (one object per DAG). */
  static JsonNode inspect() throws Exception {
    Path folder = Fixtures.projectDir().resolve("airflow-dags");
    Process p = new ProcessBuilder("python3", folder.resolve("tests/dag_inspect.py").toString(), folder.toString())
        .redirectErrorStream(false).start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Thread t = new Thread(() -> copy(p.getErrorStream(), err));
    t.start();
    p.getInputStream().transferTo(out);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    t.join();
    assertThat(p.exitValue()).as("dag_inspect.py: " + err.toString(StandardCharsets.UTF_8)).isZero();
    return new ObjectMapper().readTree(out.toByteArray());
  }

  private static void copy(java.io.InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the process ended
    }
  }

  /**
   * The stages {@code curate stages --json} lists, in pipeline order: the contract airflow-dags/curate_settings.py's
   * STAGES must follow (the DAGs are deployed without the jar, so they cannot ask the CLI at parse time).
   */
  static List<String> cliStages() {
    java.io.StringWriter out = new java.io.StringWriter();
    CommandLine cli = CurateCli.commandLine();
    cli.setOut(new java.io.PrintWriter(out));
    assertThat(cli.execute("stages", "--json")).isZero();
    List<String> names = new ArrayList<>();
    for (String line : out.toString().lines().toList()) {
      try {
        names.add(new ObjectMapper().readTree(line).get("name").asText());
      } catch (IOException e) {
        throw new AssertionError("curate stages --json printed a line that is not JSON: " + line, e);
      }
    }
    assertThat(names).isNotEmpty();
    return names;
  }

  private static List<JsonNode> tasks() {
    List<JsonNode> all = new ArrayList<>();
    dags.forEach(d -> d.get("tasks").forEach(all::add));
    return all;
  }

  @Test
  void bothDagsAreFound() {
    List<String> ids = new ArrayList<>();
    dags.forEach(d -> ids.add(d.get("dag_id").asText()));
    assertThat(ids).containsExactlyInAnyOrder("curate_daily", "curate_maintenance");
    assertThat(tasks()).isNotEmpty();
  }

  @Test
  void everyTaskNamesARealMainClassAndTheBuiltApplicationJar() throws Exception {
    for (JsonNode task : tasks()) {
      Class<?> cls = Class.forName(task.get("java_class").asText());
      Method main = cls.getMethod("main", String[].class);
      assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
      String jarName = Path.of(task.get("application").asText()).getFileName().toString();
      assertThat(Fixtures.projectDir().resolve("jobs/target").resolve(jarName))
          .as("application jar of %s is what Maven builds", task.get("task_id").asText()).exists();
    }
  }

  @Test
  void everyRenderedArgumentListParsesWithTheRealCli() {
    Set<String> stages = new HashSet<>(cliStages());
    for (JsonNode task : tasks()) {
      List<String> args = new ArrayList<>();
      task.get("application_args").forEach(a -> args.add(a.asText()));
      CommandLine.ParseResult parsed = CurateCli.commandLine().parseArgs(args.toArray(new String[0]));
      CommandLine.ParseResult sub = parsed.subcommand();
      assertThat(sub).as(task.get("task_id").asText() + " names a command").isNotNull();
      String command = sub.commandSpec().name();
      if (command.equals("run")) {
        LocalDate.parse(sub.matchedOptionValue("--date", ""));
        assertThat(sub.<String>matchedOptionValue("--run-id", "")).isNotBlank();
        List<String> requested = sub.matchedOptionValue("--stages", List.of());
        assertThat(requested).isNotEmpty();
        assertThat(stages).containsAll(requested);
      } else {
        assertThat(command).isEqualTo("sql");
        assertThat(sub.matchedPositionals()).hasSize(1);
      }
    }
  }

  @Test
  void userErrorsFailWithoutRetryAndMaintenanceSqlMayWrite() {
    for (JsonNode task : tasks()) {
      String id = task.get("task_id").asText();
      assertThat(task.get("fails_without_retry_on_exit_2").asBoolean()).as(id + " fails fast on exit 2").isTrue();
      List<String> args = new ArrayList<>();
      task.get("application_args").forEach(a -> args.add(a.asText()));
      if (args.get(0).equals("sql")) {
        assertThat(args).as(id + ": OPTIMIZE and VACUUM write").contains("--allow-writes");
      }
    }
  }

  @Test
  void theDailyDagRunsEveryStageOnceWithTemplatedDateAndRunId() {
    JsonNode daily = null;
    for (JsonNode d : dags) {
      if (d.get("dag_id").asText().equals("curate_daily")) {
        daily = d;
      }
    }
    assertThat(daily).isNotNull();
    List<String> stagesRun = new ArrayList<>();
    for (JsonNode task : daily.get("tasks")) {
      List<String> raw = new ArrayList<>();
      task.get("raw_application_args").forEach(a -> raw.add(a.asText()));
      assertThat(raw).contains("{{ ds }}", "{{ run_id }}");
      stagesRun.add(raw.get(raw.indexOf("--stages") + 1));
    }
    assertThat(stagesRun).containsExactlyInAnyOrderElementsOf(cliStages());
    assertThat(daily.get("max_active_runs").asInt()).isPositive();
    assertThat(daily.get("pool").asText()).isNotBlank();
    assertThat(daily.get("retries").asInt()).isPositive();
  }

  @Test
  void dependenciesFollowPipelineOrder() {
    List<String> order = cliStages().stream().map(s -> s.replace('-', '_')).toList();
    for (JsonNode d : dags) {
      if (!d.get("dag_id").asText().equals("curate_daily")) {
        continue;
      }
      for (JsonNode task : d.get("tasks")) {
        int from = order.indexOf(task.get("task_id").asText());
        task.get("downstream").forEach(ds -> assertThat(order.indexOf(ds.asText()))
            .as(task.get("task_id").asText() + " >> " + ds.asText()).isGreaterThan(from));
      }
      // publish must be downstream of quality: the quality gate.
      assertThat(d.get("tasks").findValuesAsText("task_id")).contains("quality", "publish");
    }
  }
}
