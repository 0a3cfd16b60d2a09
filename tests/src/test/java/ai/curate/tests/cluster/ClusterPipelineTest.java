package ai.curate.tests.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.cli.CurateCli;
import ai.curate.jobs.sample.SampleFormat;
import ai.curate.jobs.sample.SampleGenerator;
import ai.curate.jobs.sample.SampleOptions;
import ai.curate.jobs.sample.SampleReport;
import ai.curate.jobs.stages.StageRegistry;
import ai.curate.testing.Fixtures;
import ai.curate.tests.TestJvm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pipeline on a real multi-JVM Spark cluster (docs/operations.md): {@code curate run} with master
 * {@code local-cluster[2,1,1024]}, so tasks run in two executor JVMs started from a SPARK_HOME of Maven jars, with
 * our modules on the executors' classpath as an application would be. Serialization of everything the stages ship
 * to executors, static state, and JavaCV's native FFmpeg loading in executors are exercised for real.
 *
 * <p>Every table the run writes (bronze, silver and gold: every stage's output) must equal, by row
 * count and content checksum over the non-run-metadata columns, the table a {@code local[2]} run writes from the same
 * raw input, although an executor JVM is killed while a task of {@code ingest-human} runs on it: the Worker starts a
 * new executor, Spark reruns the lost work, and the run must still finish with the same tables.
 *
 * <p>Runs in its own surefire execution ({@code cluster-test} in tests/pom.xml): every {@code curate run} builds and
 * stops its own SparkContext, which must not meet the shared local session of other tests in one JVM.
 */
@Tag("cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterPipelineTest {
  private static final LocalDate DATE = LocalDate.parse("2026-01-15");
  private static final String MASTER = "local-cluster[2,1,1024]";
  /** Killed mid-run: decodes video with JavaCV in the executors. */
  private static final String KILLED_STAGE = "ingest-human";

  private Path work;
  private Path config;
  private SparkHomeLayout sparkHome;
  private SampleReport sample;
  private Map<String, TableFingerprint> reference;
  private Map<String, String> referenceShards;

  @BeforeAll
  void sampleAndLocalReference() throws Exception {
    // As bin/curate does: the shipped defaults (robot and rule files) resolve against the installation.
    System.setProperty("curate.home", Fixtures.projectDir().toString());
    Path clusterDir = Path.of(System.getProperty("curate.cluster.spark.home")).getParent();
    work = clusterDir.resolve("run");
    SparkHomeLayout.deleteTree(work);
    Files.createDirectories(work);
    sparkHome = SparkHomeLayout.prepare(Path.of(System.getProperty("curate.cluster.classpath")),
        Path.of(System.getProperty("curate.cluster.spark.home")), Fixtures.projectDir(), List.of(testClasses()));
    assertThat(System.getenv("SPARK_HOME")).as("SPARK_HOME for the Worker (tests/pom.xml surefire env)")
        .isEqualTo(sparkHome.sparkHome().toString());

    // One clean session and clip plus every planted fault (a corrupt video, broken Arrow files, ...): error paths
    // run on the executors too. 12-second sessions and 3-second clips keep the run short.
    sample = new SampleGenerator().generate(new SampleOptions(work.resolve("raw"), DATE, 1, 1, 11, 0.2, 3.0, true,
        Fixtures.projectDir().resolve("configs/robots/neo/neo.urdf"), 2));
    assertThat(sample.clips()).as("human clips: JavaCV natives load in the executors")
        .anyMatch(SampleReport.ClipSummary::clean);
    assertThat(sample.sessions()).anyMatch(SampleReport.SessionSummary::clean).anyMatch(s -> !s.clean());
    // A second session recorded as MCAP lands beside the bundles (another seed: another session id), so ingest-mcap
    // reads its chunks in the executors too; a small split size makes the one recording several read tasks.
    Path mcapSample = work.resolve("mcap-sample");
    new SampleGenerator().generate(new SampleOptions(mcapSample, DATE, 1, 0, 12, 0.2, 3.0, false,
        Fixtures.projectDir().resolve("configs/robots/neo/neo.urdf"), 2, SampleFormat.MCAP));
    Path mcapDate = Path.of("mcap", "date=" + DATE);
    Files.createDirectories(work.resolve("raw").resolve(mcapDate).getParent());
    Files.move(mcapSample.resolve(mcapDate), work.resolve("raw").resolve(mcapDate));
    config = work.resolve("curate.yaml");
    // Both runs export clips into one folder: the cluster run must rewrite the local run's shards byte for byte.
    Files.writeString(config, "paths:\n  raw: raw\ncatalog:\n  kind: session\nmcap_ingest:\n  split_mb: 0.05\n"
        + "clips:\n  profile: configs/clips/world-model-lowres.yaml\n  out: clips\n");

    run("local", List.of("spark.master=local[2]"));
    reference = TableFingerprint.ofWarehouse(work.resolve("wh-local"));
    referenceShards = shardHashes(work.resolve("clips"));
    assertThat(referenceShards).as("clip shards of the local run").isNotEmpty();
    assertThat(reference).as("the clip index of the local run").containsKey("gold/clips");
    assertThat(reference).as("tables of the local run").containsKeys("bronze/sessions", "bronze/human_clips",
        "bronze/human_video_frames", "bronze/ingest_errors", "bronze/mcap_channels", "silver/robot_timesteps");
    assertThat(reference.get("bronze/human_video_frames").rows()).as("frames decoded by JavaCV").isPositive();
    assertThat(reference.get("silver/robot_timesteps").rows()).isPositive();
    assertThat(reference.get("bronze/ingest_errors").rows()).as("planted faults recorded").isPositive();
  }

  @AfterAll
  void cleanUp() {
    ClusterRunProbe.reset();
  }

  /** The MP4s ingest-mcap re-muxed into a warehouse: relative path -> content hash. */
  private static Map<String, Integer> remuxedVideos(Path warehouse) throws java.io.IOException {
    Map<String, Integer> out = new TreeMap<>();
    Path root = warehouse.resolve("mcap_video");
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (var files = Files.walk(root)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(f).toString(), java.util.Arrays.hashCode(Files.readAllBytes(f)));
      }
    }
    return out;
  }

  /**
   * One cluster run, with an executor JVM killed while it runs a task of {@link #KILLED_STAGE}: every stage runs its
   * tasks in executor JVMs (never the driver), both original executors work, the one killed is the only one lost,
   * the Worker replaces it, and every table (and every re-muxed MCAP camera video) equals the local run's. One run
   * proves both the clean multi-JVM path (the stages before the kill and the replacement executors after it) and
   * recovery, at the cost of one cluster run instead of two.
   */
  @Test
  @Order(1)
  void clusterRunWithAnExecutorKilledMidRunWritesTheSameTablesAsALocalRun() throws Exception {
    ClusterRunProbe.reset();
    ClusterRunProbe.armFor(KILLED_STAGE);
    CompletableFuture<Void> running = CompletableFuture.runAsync(() -> run("cluster", clusterSettings()));

    try {
      killOneExecutorDuring(running);
    } finally {
      if (!running.isDone()) {
        // Failed before the run ended: stop its context so its cluster does not outlive the test.
        var session = SparkSession.getDefaultSession();
        if (session.isDefined()) {
          session.get().stop();
        }
      }
    }
  }

  private void killOneExecutorDuring(CompletableFuture<Void> running) throws Exception {
    ClusterRunProbe probe = awaitProbe(running);
    String executorId = probe.awaitArmedTask(15, TimeUnit.MINUTES);
    ProcessHandle executor = awaitExecutorProcess(probe.appId(), executorId);
    assertThat(executor.pid()).isNotEqualTo(ProcessHandle.current().pid());
    long others = ExecutorProcesses.of(probe.appId()).stream().filter(p -> p.pid() != executor.pid()).count();
    assertThat(others).as("the other executor JVM").isEqualTo(1);
    assertThat(executor.destroyForcibly()).isTrue();
    executor.onExit().get(1, TimeUnit.MINUTES);
    System.out.printf("killed executor %s (pid %d) while it ran a task of %s%n", executorId, executor.pid(),
        KILLED_STAGE);

    running.get(10, TimeUnit.MINUTES);
    assertThat(probe.executorsRemoved()).as("the driver saw the killed executor go, and no other")
        .containsExactly(executorId);
    assertThat(probe.executorsAdded()).as("the Worker started a replacement executor").hasSizeGreaterThanOrEqualTo(3);
    System.out.printf("after the kill: %d task(s) lost with the executor, %d succeeded, executors %s%n",
        probe.tasksLostWithExecutor(), probe.tasksSucceeded(), new TreeMap<>(probe.executorsByPipelineStage()));
    for (String stage : StageRegistry.standard().names()) {
      assertThat(probe.executorsByPipelineStage().get(stage)).as("executors that ran tasks of %s", stage)
          .isNotEmpty().doesNotContain("driver");
    }
    assertThat(probe.executorsByPipelineStage().values().stream().flatMap(Set::stream).distinct())
        .as("executor JVMs that worked").hasSizeGreaterThanOrEqualTo(2);
    assertSameTables("cluster", TableFingerprint.ofWarehouse(work.resolve("wh-cluster")));
    Map<String, Integer> videos = remuxedVideos(work.resolve("wh-local"));
    assertThat(videos).as("MCAP camera videos re-muxed in the executors").isNotEmpty();
    assertThat(remuxedVideos(work.resolve("wh-cluster"))).as("the same bytes as the local run's").isEqualTo(videos);
    assertThat(shardHashes(work.resolve("clips"))).as("clip shards written by the executors, byte for byte the local"
        + " run's").isEqualTo(referenceShards);
  }

  /** SHA-256 of every clip shard under {@code root}, by relative path. */
  private static Map<String, String> shardHashes(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (var files = Files.walk(root)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".tar")).toList()) {
        try {
          out.put(root.relativize(f).toString(), java.util.HexFormat.of().formatHex(
              java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
        } catch (java.security.NoSuchAlgorithmException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return out;
  }

  @Test
  @Order(0)
  void fingerprintIgnoresOrderAndRunMetadataButSeesOneChangedValue() {
    StructType schema = new StructType()
        .add("id", DataTypes.StringType)
        .add("values", DataTypes.createArrayType(DataTypes.FloatType))
        .add("frames", DataTypes.createMapType(DataTypes.StringType, DataTypes.IntegerType))
        .add("run_id", DataTypes.StringType)
        .add("ingested_at", DataTypes.LongType);
    TableFingerprint.withReader(spark -> {
      Dataset<Row> a = spark.createDataFrame(List.of(
          RowFactory.create("e1", List.of(1f, 2f), Map.of("head", 1, "wrist", 2), "run-1", 10L),
          RowFactory.create("e2", List.of(3f), Map.of("head", 5), "run-1", 11L)), schema);
      Dataset<Row> reordered = spark.createDataFrame(List.of(
          RowFactory.create("e2", List.of(3f), Map.of("head", 5), "run-2", 99L),
          RowFactory.create("e1", List.of(1f, 2f), Map.of("wrist", 2, "head", 1), "run-2", 98L)), schema)
          .repartition(2);
      Dataset<Row> changed = spark.createDataFrame(List.of(
          RowFactory.create("e1", List.of(1f, 2.0001f), Map.of("head", 1, "wrist", 2), "run-1", 10L),
          RowFactory.create("e2", List.of(3f), Map.of("head", 5), "run-1", 11L)), schema);
      Dataset<Row> swapped = spark.createDataFrame(List.of(
          RowFactory.create("e1", List.of(3f), Map.of("head", 1, "wrist", 2), "run-1", 10L),
          RowFactory.create("e2", List.of(1f, 2f), Map.of("head", 5), "run-1", 11L)), schema);
      TableFingerprint fa = TableFingerprint.of(a);
      assertThat(fa.columnChecksums()).containsOnlyKeys("id", "values", "frames");
      assertThat(TableFingerprint.of(reordered)).isEqualTo(fa);
      TableFingerprint fc = TableFingerprint.of(changed);
      assertThat(fc).isNotEqualTo(fa);
      assertThat(fc.differingColumns(fa)).containsExactly("values");
      TableFingerprint fs = TableFingerprint.of(swapped);
      assertThat(fs.columnChecksums()).as("same column values, paired differently").isEqualTo(fa.columnChecksums());
      assertThat(fs.rowChecksum()).isNotEqualTo(fa.rowChecksum());
      assertThat(TableFingerprint.of(a.union(a.limit(1))).rows()).isEqualTo(3);
      return null;
    });
  }

  // ---------------------------------------------------------------------------------------------------------------

  private List<String> clusterSettings() {
    List<String> opens = TestJvm.moduleOpens();
    return List.of(
        "spark.master=" + MASTER,
        "spark.executor.memory=1024m",
        "spark.executor.extraClassPath=" + sparkHome.executorClasspath(),
        "spark.executor.extraJavaOptions=" + String.join(" ", opens),
        "spark.executorEnv.SPARK_SCALA_VERSION=2.12",
        // An executor killed mid-task fails that task once (and may lose shuffle output): allow the retries.
        "spark.task.maxFailures=8",
        "spark.extraListeners=" + ClusterRunProbe.class.getName());
  }

  /** {@code curate run} for every built stage into warehouse {@code wh-<name>}; fails with its output otherwise. */
  private void run(String name, List<String> sparkSettings) {
    List<String> args = new ArrayList<>(List.of("run", "--config", config.toString(), "--date", DATE.toString(),
        "--run-id", "cluster-test-" + name,
        "--set", "paths.warehouse=" + work.resolve("wh-" + name),
        "--set", "paths.scratch=" + work.resolve("scratch-" + name),
        // Small-data settings, the same for every run (they change partitioning, never content): Delta's default of
        // 50 partitions per snapshot dominates the run time of tables this small.
        "--set", "spark.sql.shuffle.partitions=2",
        "--set", "spark.databricks.delta.snapshotPartitions=2"));
    for (String s : sparkSettings) {
      args.add("--set");
      args.add(s);
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = CurateCli.commandLine();
    cli.setOut(new PrintWriter(new Tee(out, name), true));
    cli.setErr(new PrintWriter(new Tee(err, name), true));
    long start = System.nanoTime();
    int code = cli.execute(args.toArray(new String[0]));
    System.out.printf("curate run (%s) exit %d in %s%n", name, code, Duration.ofNanos(System.nanoTime() - start));
    if (code != 0) {
      throw new AssertionError("curate run (" + name + ") exited " + code + ":\n" + err + out);
    }
  }

  private void assertSameTables(String run, Map<String, TableFingerprint> actual) {
    assertThat(actual.keySet()).as("tables written by the %s run", run).isEqualTo(reference.keySet());
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, TableFingerprint> e : reference.entrySet()) {
      TableFingerprint want = e.getValue();
      TableFingerprint got = actual.get(e.getKey());
      if (!got.equals(want)) {
        problems.add(e.getKey() + ": rows " + got.rows() + " (local " + want.rows() + ")"
            + (got.contentSchema().equals(want.contentSchema())
                ? ""
                : ", schema " + got.contentSchema()
                    + " (local " + want.contentSchema() + ")")
            + ", differing columns " + got.differingColumns(want));
      }
    }
    assertThat(problems).as("tables of the %s run that differ from the local run", run).isEmpty();
    System.out.printf("%s run: %d tables equal to the local run (%,d rows)%n", run, actual.size(),
        actual.values().stream().mapToLong(TableFingerprint::rows).sum());
  }

  private static ClusterRunProbe awaitProbe(CompletableFuture<Void> running) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      ClusterRunProbe p = ClusterRunProbe.current();
      if (p != null && p.appId() != null) {
        return p;
      }
      if (running.isDone()) {
        running.get();
        throw new AssertionError("run finished before the cluster application started");
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the cluster application did not start within 2 minutes");
  }

  private static ProcessHandle awaitExecutorProcess(String appId, String executorId) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      var found = ExecutorProcesses.find(appId, executorId);
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no " + ExecutorProcesses.EXECUTOR_MAIN + " process for executor " + executorId
        + " of " + appId + " below this JVM; executors seen: " + ExecutorProcesses.of(appId).stream()
            .map(p -> p.pid() + " " + ExecutorProcesses.arguments(p)).toList());
  }

  /** Keeps what the CLI prints and echoes it, prefixed with the run's name, into the test's output. */
  private static final class Tee extends java.io.Writer {
    private final StringWriter kept;
    private final String prefix;
    private final StringBuilder line = new StringBuilder();

    Tee(StringWriter kept, String name) {
      this.kept = kept;
      this.prefix = "[" + name + "] ";
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
      kept.write(buf, off, len);
      for (int i = off; i < off + len; i++) {
        if (buf[i] == '\n') {
          System.out.println(prefix + java.time.LocalTime.now().withNano(0) + " " + line);
          line.setLength(0);
        } else {
          line.append(buf[i]);
        }
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private static Path testClasses() throws URISyntaxException {
    return Path.of(ClusterPipelineTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
