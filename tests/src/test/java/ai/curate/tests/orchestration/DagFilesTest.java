package ai.curate.tests.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.cli.CurateCli;
import ai.curate.jobs.cli.StagesCommand;
import ai.curate.jobs.stages.Stage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageRegistry;
import ai.curate.jobs.stages.StageResult;
import ai.curate.testing.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Airflow DAGs, checked without Airflow: airflow-dags/tests/dag_inspect.py loads every DAG file with a stand-in
 * airflow package and renders the templates; here every task is checked against the real CLI: the job class exists
 * and has a main method, the rendered arguments parse with the CLI's own parser, stage names are the CLI's stages and
 * dates are valid ISO dates. The daily DAG's tasks and dependencies are the stage registry's graph, read from the file
 * {@code curate stages --json} writes (as a deployment does once per release).
 */
class DagFilesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;

  private static JsonNode dags;

  @BeforeAll
  static void inspectDags() throws Exception {
    dags = inspect();
  }

  /** Runs dag_inspect.py with the stages file the real {@code curate stages --json} writes, as a deployment does. */
  static JsonNode inspect() throws Exception {
    Path stagesFile = Files.createTempFile("stages", ".jsonl");
    try {
      return inspect(Files.writeString(stagesFile, cliStagesJson()));
    } finally {
      Files.delete(stagesFile);
    }
  }

  /** Runs dag_inspect.py over airflow-dags/ with the given stages file and returns its JSON (one object per DAG). */
  static JsonNode inspect(Path stagesFile) throws Exception {
    Inspection run = Inspection.of(stagesFile);
    assertThat(run.code).as("dag_inspect.py: " + run.err).isZero();
    return JSON.readTree(run.out);
  }

  /** One run of dag_inspect.py: exit code, standard output and standard error. */
  private record Inspection(int code, String out, String err) {
    static Inspection of(Path stagesFile) throws Exception {
      Path folder = Fixtures.projectDir().resolve("airflow-dags");
      Process p = new ProcessBuilder("python3", folder.resolve("tests/dag_inspect.py").toString(), folder.toString(),
          stagesFile.toString()).redirectErrorStream(false).start();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      Thread t = new Thread(() -> copy(p.getErrorStream(), err));
      t.start();
      p.getInputStream().transferTo(out);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      t.join();
      return new Inspection(p.exitValue(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }

  private static void copy(java.io.InputStream in, ByteArrayOutputStream out) {
    try {
      in.transferTo(out);
    } catch (IOException ignored) {
      // the process ended
    }
  }

  /** What {@code curate stages --json} prints, run in-process. */
  private static String cliStagesJson() {
    StringWriter out = new StringWriter();
    CommandLine cli = CurateCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("stages", "--json")).isZero();
    return out.toString();
  }

  /** The stage graph {@code curate stages --json} prints: each stage, in pipeline order, with the stages it runs after. */
  static Map<String, List<String>> cliGraph() {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (String line : cliStagesJson().lines().toList()) {
      try {
        JsonNode stage = JSON.readTree(line);
        List<String> after = new ArrayList<>();
        stage.get("after").forEach(a -> after.add(a.asText()));
        graph.put(stage.get("name").asText(), after);
      } catch (IOException e) {
        throw new AssertionError("curate stages --json printed a line that is not JSON: " + line, e);
      }
    }
    assertThat(graph).isNotEmpty();
    return graph;
  }

  private static JsonNode daily(JsonNode inspected) {
    for (JsonNode d : inspected) {
      if (d.get("dag_id").asText().equals("curate_daily")) {
        return d;
      }
    }
    throw new AssertionError("no curate_daily DAG");
  }

  /** The daily DAG's tasks, each with the tasks directly upstream of it. */
  private static Map<String, Set<String>> upstreamOf(JsonNode daily) {
    Map<String, Set<String>> upstream = new TreeMap<>();
    daily.get("tasks").forEach(t -> upstream.put(t.get("task_id").asText(), new TreeSet<>()));
    for (JsonNode task : daily.get("tasks")) {
      task.get("downstream").forEach(d -> upstream.get(d.asText()).add(task.get("task_id").asText()));
    }
    return upstream;
  }

  /** A stage graph as the daily DAG's tasks should be: task ids (stage names with '_'), each with its upstream. */
  private static Map<String, Set<String>> asTasks(Map<String, List<String>> graph) {
    Map<String, Set<String>> tasks = new TreeMap<>();
    graph.forEach((stage, after) -> tasks.put(taskId(stage), after.stream().map(DagFilesTest::taskId).collect(
        Collectors.toCollection(TreeSet::new))));
    return tasks;
  }

  private static String taskId(String stage) {
    return stage.replace('-', '_');
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
    Set<String> stages = new HashSet<>(cliGraph().keySet());
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
    JsonNode daily = daily(dags);
    List<String> stagesRun = new ArrayList<>();
    for (JsonNode task : daily.get("tasks")) {
      List<String> raw = new ArrayList<>();
      task.get("raw_application_args").forEach(a -> raw.add(a.asText()));
      assertThat(raw).contains("{{ ds }}", "{{ run_id }}");
      stagesRun.add(raw.get(raw.indexOf("--stages") + 1));
    }
    assertThat(stagesRun).containsExactlyInAnyOrderElementsOf(cliGraph().keySet());
    assertThat(daily.get("max_active_runs").asInt()).isPositive();
    assertThat(daily.get("pool").asText()).isNotBlank();
    assertThat(daily.get("retries").asInt()).isPositive();
  }

  @Test
  void dependenciesAreTheRegistryGraph() {
    Map<String, List<String>> graph = cliGraph();
    assertThat(upstreamOf(daily(dags))).isEqualTo(asTasks(graph));
    // publish must be downstream of quality: the quality gate.
    assertThat(graph.get("publish")).contains("quality");
  }

  @Test
  void aStageAddedToTheRegistryBecomesATaskWithoutAnyDagEdit() throws Exception {
    List<StageRegistry.Registration> lines = new ArrayList<>(StageRegistry.standard().registrations());
    lines.add(StageRegistry.stage(ExportStage::new, "quality"));
    StageRegistry registry = StageRegistry.of(lines);
    Path stagesFile = Files.write(tmp.resolve("with-export.jsonl"), StagesCommand.jsonLines(registry));

    Map<String, List<String>> graph = new LinkedHashMap<>();
    registry.names().forEach(name -> graph.put(name, registry.after(name)));
    Map<String, Set<String>> upstream = upstreamOf(daily(inspect(stagesFile)));
    assertThat(upstream).isEqualTo(asTasks(graph)).containsEntry("export", Set.of("quality"));
  }

  @Test
  void aMissingStagesFileIsAnImportErrorNamingTheCommand() throws Exception {
    Inspection run = Inspection.of(tmp.resolve("missing.jsonl"));
    assertThat(run.code()).isNotZero();
    assertThat(run.err()).contains("CURATE_STAGES_FILE", "curate stages --json > " + tmp.resolve("missing.jsonl"));
  }

  /** A stage the standard registry does not have; only its name matters to the DAG. */
  private static final class ExportStage implements Stage {
    @Override
    public String name() {
      return "export";
    }

    @Override
    public StageResult run(StageContext context) {
      throw new UnsupportedOperationException("a test stage");
    }
  }
}
