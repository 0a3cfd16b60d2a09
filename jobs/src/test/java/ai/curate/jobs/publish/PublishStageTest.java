package ai.curate.jobs.publish;

import static ai.curate.jobs.publish.PublishFixture.D1;
import static ai.curate.jobs.publish.PublishFixture.D2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.apache.spark.sql.functions.col;

import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.UserError;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.DeltaTableWriter;
import ai.curate.jobs.tables.TableId;
import ai.curate.jobs.tables.Tables;
import ai.curate.testing.SparkTestBase;
import ai.curate.transforms.gold.DeterministicSplit;
import ai.curate.transforms.gold.QualityFixtures.Verdict;
import ai.curate.transforms.gold.SplitFractions;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * The publish stage over real upstream tables ({@link PublishFixture}): only quality-passed entities, lineage and
 * quality summary per episode, reruns reproduce every non-run column, different dates commit concurrently, a failure
 * between two commits leaves every table readable and a rerun completes, feature stats match a computation in plain
 * Java, splits are stable as episodes arrive, and the tables are readable without Spark's help.
 */
class PublishStageTest extends SparkTestBase {
  private static final List<TableId> GOLD = List.of(Tables.TIMESTEPS, Tables.EPISODES, Tables.FEATURE_STATS);

  private StageResult publish(CurateConfig config, LocalDate date, String runId) {
    return new PublishStage().run(new StageContext(spark(), config, date, runId));
  }

  private Dataset<Row> table(CurateConfig config, TableId table) {
    return spark().read().format("delta").load(table.location(config.paths().warehouse()));
  }

  private Dataset<Row> slice(CurateConfig config, TableId table, LocalDate date) {
    return table(config, table).where(TableId.datePredicate(date));
  }

  private DeltaTableWriter writer(CurateConfig config) {
    return new DeltaTableWriter(spark(), config.paths().warehouse());
  }

  /** Row count and an order-independent SHA-256 over every column but the run metadata. */
  private String checksum(Dataset<Row> rows) throws Exception {
    Column[] content = Arrays.stream(rows.columns()).filter(c -> !c.equals("run_id") && !c.endsWith("_at"))
        .map(functions::col).toArray(Column[]::new);
    List<String> hashes = rows.select(functions.sha2(functions.to_json(functions.struct(content)), 256))
        .collectAsList().stream().map(r -> r.getString(0)).sorted().toList();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    hashes.forEach(h -> sha.update(h.getBytes(StandardCharsets.UTF_8)));
    return hashes.size() + ":" + HexFormat.of().formatHex(sha.digest());
  }

  private Map<TableId, String> checksums(CurateConfig config, LocalDate date) throws Exception {
    Map<TableId, String> out = new HashMap<>();
    for (TableId t : GOLD) {
      out.put(t, checksum(slice(config, t, date)));
    }
    return out;
  }

  @Test
  void publishesOnlyQualityPassedEntitiesWithSummaryLineageAndSplit() throws Exception {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    StageResult result = publish(config, D1, "run-1");

    List<String> silverEpisodes = table(config, Tables.ROBOT_TIMESTEPS).where(TableId.datePredicate(D1))
        .select("episode_id").distinct().orderBy("episode_id").collectAsList().stream().map(r -> r.getString(0))
        .toList();
    List<String> allEpisodes = table(config, Tables.ROBOT_EPISODES).where(TableId.datePredicate(D1))
        .select("episode_id").orderBy("episode_id").collectAsList().stream().map(r -> r.getString(0)).toList();
    String quarantined = allEpisodes.get(0);
    String warned = allEpisodes.get(1);
    assertThat(silverEpisodes).contains(quarantined, warned).hasSizeGreaterThan(2);
    List<String> clips = table(config, Tables.HUMAN_CLIPS).where(TableId.datePredicate(D1))
        .select("clip_id").collectAsList().stream().map(r -> r.getString(0)).toList();
    assertThat(clips).isNotEmpty();

    Dataset<Row> episodes = slice(config, Tables.EPISODES, D1);
    Set<String> published = episodes.where("source = 'fleet'").select("episode_id").collectAsList().stream()
        .map(r -> r.getString(0)).collect(Collectors.toSet());
    List<String> expectedFleet = new ArrayList<>(silverEpisodes);
    expectedFleet.remove(quarantined);
    assertThat(published).containsExactlyInAnyOrderElementsOf(expectedFleet);
    assertThat(episodes.where("source = 'human'").select("episode_id").collectAsList())
        .extracting(r -> r.getString(0)).containsExactlyInAnyOrderElementsOf(clips);
    assertThat(slice(config, Tables.TIMESTEPS, D1).where(col("episode_id").equalTo(quarantined)).count()).isZero();

    // Counts per episode are those of gold.timesteps and of silver (every silver step of a passed episode).
    Map<String, Long> goldSteps = counts(slice(config, Tables.TIMESTEPS, D1));
    Map<String, Long> silverSteps = counts(table(config, Tables.ROBOT_TIMESTEPS).where(TableId.datePredicate(D1))
        .withColumn("source", functions.lit("fleet")).where(col("episode_id").notEqual(quarantined)));
    silverSteps.putAll(counts(table(config, Tables.HUMAN_TIMESTEPS).where(TableId.datePredicate(D1))
        .withColumn("source", functions.lit("human")).withColumnRenamed("clip_id", "episode_id")));
    assertThat(goldSteps).isEqualTo(silverSteps);
    for (Row e : episodes.collectAsList()) {
      String key = e.<String>getAs("source") + "/" + e.<String>getAs("episode_id");
      assertThat(e.<Long>getAs("step_count")).as(key).isEqualTo(goldSteps.get(key));
    }
    assertThat(result.counts()).containsEntry("episodes", (long) expectedFleet.size() + clips.size())
        .containsEntry("timesteps", goldSteps.values().stream().mapToLong(Long::longValue).sum())
        .containsEntry("quarantined", 1L).containsEntry("human_silver_missing", 0L);

    // Task, prompt, success from the events; raw path from the session; quality summary; lineage; split.
    Map<String, Row> silverMeta = new HashMap<>();
    table(config, Tables.ROBOT_EPISODES).where(TableId.datePredicate(D1)).collectAsList()
        .forEach(r -> silverMeta.put(r.getAs("episode_id"), r));
    Map<String, String> sessionPaths = new HashMap<>();
    table(config, Tables.SESSIONS).collectAsList()
        .forEach(r -> sessionPaths.put(r.getAs("session_id"), r.getAs("source_path")));
    DeterministicSplit split = DeterministicSplit.standard();
    for (Row e : episodes.collectAsList()) {
      String id = e.getAs("episode_id");
      assertThat(e.<String>getAs("split")).isEqualTo(split.splitOf(id));
      assertThat(e.<String>getAs("run_id")).isEqualTo("run-1");
      assertThat(e.<String>getAs("code_version")).startsWith("curate ");
      Map<String, Long> versions = e.getJavaMap(e.fieldIndex("input_versions"));
      assertThat(versions).containsKeys("silver.robot_timesteps", "silver.human_timesteps", "gold.quality_report",
          "gold.quarantine", "bronze.events", "bronze.sessions", "bronze.human_clips");
      assertThat(e.<Integer>getAs("quality_rules_evaluated")).isEqualTo(3);
      if (e.<String>getAs("source").equals("fleet")) {
        Row m = silverMeta.get(id);
        assertThat(e.<String>getAs("task")).isEqualTo(m.getAs("task")).isNotNull();
        assertThat(e.<String>getAs("prompt")).isEqualTo(m.getAs("prompt"));
        assertThat(e.<Boolean>getAs("success")).isEqualTo(m.getAs("success"));
        assertThat(e.<String>getAs("raw_path")).isEqualTo(sessionPaths.get(m.<String>getAs("session_id")));
        assertThat(e.getList(e.fieldIndex("quality_warnings")))
            .isEqualTo(id.equals(warned) ? List.of("idle_fraction") : List.of());
      } else {
        assertThat(e.<String>getAs("raw_path")).contains(id);
        assertThat(e.<String>getAs("task")).isNotNull();
      }
    }

    // Each table: one commit carrying the run id, registered in the catalog.
    for (TableId t : GOLD) {
      Row last = io.delta.tables.DeltaTable.forPath(spark(), t.location(config.paths().warehouse())).history(1).first();
      assertThat(last.<String>getAs("userMetadata")).isEqualTo("run-1");
      assertThat(spark().sql("SELECT count(*) FROM " + t.qualified() + " WHERE capture_date = DATE'" + D1 + "'")
          .first().getLong(0)).isEqualTo(slice(config, t, D1).count());
    }
  }

  private static Map<String, Long> counts(Dataset<Row> rows) {
    Map<String, Long> out = new HashMap<>();
    rows.groupBy("source", "episode_id").count().collectAsList()
        .forEach(r -> out.put(r.getString(0) + "/" + r.getString(1), r.getLong(2)));
    return out;
  }

  @Test
  void goldFilesAreReadableWithoutSparkAndClusteredByEpisode() throws Exception {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    publish(config, D1, "run-1");
    ObjectMapper json = new ObjectMapper();
    for (TableId t : GOLD) {
      Path log = Path.of(t.location(config.paths().warehouse())).resolve("_delta_log");
      List<JsonNode> actions = new ArrayList<>();
      try (Stream<Path> files = Files.list(log)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          for (String line : Files.readAllLines(f)) {
            actions.add(json.readTree(line));
          }
        }
      }
      JsonNode protocol = actions.stream().filter(a -> a.has("protocol")).reduce((a, b) -> b).orElseThrow()
          .get("protocol");
      assertThat(protocol.get("minReaderVersion").asInt()).as(t + " reader protocol").isEqualTo(1);
      JsonNode conf = actions.stream().filter(a -> a.has("metaData")).reduce((a, b) -> b).orElseThrow()
          .get("metaData").get("configuration");
      assertThat(conf.get("delta.enableDeletionVectors").asText()).isEqualTo("false");
      assertThat(conf.get("delta.columnMapping.mode").asText()).isEqualTo("none");
      assertThat(actions.stream().filter(a -> a.has("add")).anyMatch(a -> a.get("add").has("deletionVector")
          && !a.get("add").get("deletionVector").isNull())).isFalse();

      // Physical Parquet column names are the logical ones.
      List<JsonNode> adds = actions.stream().filter(a -> a.has("add")).map(a -> a.get("add")).toList();
      String file = adds.get(adds.size() - 1).get("path").asText();
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(
          new org.apache.hadoop.fs.Path(
              log.getParent().resolve(java.net.URLDecoder.decode(file, StandardCharsets.UTF_8)).toString()),
          new Configuration()))) {
        MessageType schema = reader.getFooter().getFileMetaData().getSchema();
        List<String> physical = schema.getFields().stream().map(Type::getName).toList();
        List<String> logical = Arrays.stream(table(config, t).columns()).filter(c -> !c.equals("source")
            && !c.equals("capture_date")).toList();
        assertThat(physical).as(t + " physical columns").isEqualTo(logical);
      }

      if (t.equals(Tables.TIMESTEPS)) {
        // Several files per fleet partition (small target size), each holding whole episodes sorted by step.
        // (File statistics cannot show it: Delta truncates string stats to 32 characters, and the sample's
        // episode ids share their session's prefix.)
        Map<String, String> fileOfEpisode = new HashMap<>();
        int fleetFiles = 0;
        for (JsonNode add : adds) {
          String rel = java.net.URLDecoder.decode(add.get("path").asText(), StandardCharsets.UTF_8);
          if (!rel.startsWith("source=fleet/")) {
            continue;
          }
          fleetFiles++;
          List<Row> rows = spark().read().parquet(log.getParent().resolve(rel).toString())
              .select("episode_id", "step_index").collectAsList();
          for (int i = 0; i < rows.size(); i++) {
            String ep = rows.get(i).getString(0);
            String owner = fileOfEpisode.putIfAbsent(ep, rel);
            assertThat(owner == null || owner.equals(rel)).as("episode " + ep + " in one file only").isTrue();
            if (i > 0) {
              Row prev = rows.get(i - 1);
              int order = prev.getString(0).compareTo(ep);
              assertThat(order < 0 || (order == 0 && prev.getInt(1) < rows.get(i).getInt(1)))
                  .as("sorted by episode and step in " + rel).isTrue();
            }
          }
        }
        assertThat(fleetFiles).isGreaterThan(1);
        assertThat(fileOfEpisode).hasSizeGreaterThan(fleetFiles - 1);
      }
    }
  }

  @Test
  void rerunningADateLeavesIdenticalContentsAndOtherDatesUntouched() throws Exception {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    publish(config, D2, "run-d2");
    publish(config, D1, "run-a");
    Map<TableId, String> first = checksums(config, D1);
    Map<TableId, String> d2 = checksums(config, D2);
    publish(config, D1, "run-b");
    assertThat(checksums(config, D1)).isEqualTo(first);
    assertThat(checksums(config, D2)).isEqualTo(d2);
    for (TableId t : GOLD) {
      assertThat(slice(config, t, D1).select("run_id").distinct().collectAsList()).extracting(r -> r.getString(0))
          .containsExactly("run-b");
      assertThat(first.get(t)).doesNotStartWith("0:");
    }
  }

  @Test
  void runsForDifferentDatesCommitConcurrently() throws Exception {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    CyclicBarrier start = new CyclicBarrier(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<StageResult>> runs = new ArrayList<>();
      for (LocalDate date : List.of(D1, D2)) {
        runs.add(pool.submit(() -> {
          start.await();
          return publish(config, date, "run-" + date);
        }));
      }
      for (Future<StageResult> f : runs) {
        assertThat(f.get().counts().get("episodes")).isPositive();
      }
    } finally {
      pool.shutdownNow();
    }
    for (LocalDate date : List.of(D1, D2)) {
      for (TableId t : GOLD) {
        assertThat(slice(config, t, date).select("run_id").distinct().collectAsList()).extracting(r -> r.getString(0))
            .as(t + " " + date).containsExactly("run-" + date);
      }
      JsonNode manifest = PublishManifest.forDate(spark(), config.paths().warehouse(), date);
      assertThat(manifest.get("runs").get("fleet").asText()).isEqualTo("run-" + date);
    }
    // Same contents as publishing the dates one after the other.
    Map<TableId, String> concurrent = checksums(config, D1);
    CurateConfig sequential = PublishFixture.warehouse(spark(), temp.resolve("seq"));
    publish(sequential, D1, "seq-1");
    assertThat(checksums(sequential, D1)).isEqualTo(concurrent);
  }

  @Test
  void aFailureAfterTheFirstCommitLeavesEveryTableReadableAndARerunCompletes() throws Exception {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    publish(config, D1, "run-1");
    Map<TableId, String> before = checksums(config, D1);
    Map<TableId, Long> versions = new HashMap<>();
    for (TableId t : GOLD) {
      versions.put(t, writer(config).committedVersion(t, "run-1"));
    }
    // New quality verdicts (nothing quarantined) so the failed run would change the published rows.
    List<Verdict> all = PublishFixture.episodeVerdicts(table(config, Tables.ROBOT_EPISODES), D1, false);
    all.addAll(PublishFixture.clipVerdicts(table(config, Tables.HUMAN_CLIPS), D1));
    PublishFixture.writeQuality(spark(), writer(config), D1, all);

    PublishStage failing = new PublishStage((table, version) -> {
      if (table.equals(Tables.TIMESTEPS)) {
        throw new IllegalStateException("injected failure after the commit of " + table + " v" + version);
      }
    });
    assertThatThrownBy(() -> failing.run(new StageContext(spark(), config, D1, "run-2")))
        .hasMessageContaining("injected failure");

    // gold.timesteps moved on; the others still hold run-1; every previous version is readable.
    assertThat(slice(config, Tables.TIMESTEPS, D1).select("run_id").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("run-2");
    assertThat(checksum(slice(config, Tables.EPISODES, D1))).isEqualTo(before.get(Tables.EPISODES));
    assertThat(checksum(slice(config, Tables.FEATURE_STATS, D1))).isEqualTo(before.get(Tables.FEATURE_STATS));
    Dataset<Row> old = spark().read().format("delta").option("versionAsOf", versions.get(Tables.TIMESTEPS))
        .load(Tables.TIMESTEPS.location(config.paths().warehouse())).where(TableId.datePredicate(D1));
    assertThat(checksum(old)).isEqualTo(before.get(Tables.TIMESTEPS));
    assertThatThrownBy(() -> PublishManifest.forDate(spark(), config.paths().warehouse(), D1))
        .isInstanceOf(UserError.class).hasMessageContaining("did not complete").hasMessageContaining("run-2");

    publish(config, D1, "run-3");
    JsonNode manifest = PublishManifest.forDate(spark(), config.paths().warehouse(), D1);
    assertThat(manifest.get("runs").get("fleet").asText()).isEqualTo("run-3");
    long published = slice(config, Tables.EPISODES, D1).where("source = 'fleet'").count();
    assertThat(published).isEqualTo(table(config, Tables.ROBOT_TIMESTEPS).where(TableId.datePredicate(D1))
        .select("episode_id").distinct().count());
    for (TableId t : GOLD) {
      long v = manifest.get("tables").get(t.qualified()).get("version").asLong();
      assertThat(v).isGreaterThan(versions.get(t));
      assertThat(spark().sql(manifest.get("tables").get(t.qualified()).get("sql").asText()).count())
          .isEqualTo(manifest.get("tables").get(t.qualified()).get("rows").get("fleet").asLong()
              + manifest.get("tables").get(t.qualified()).get("rows").get("human").asLong());
    }
  }

  @Test
  void featureStatsEqualAnIndependentComputationOverTheExportedRows() {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    publish(config, D1, "run-1");
    List<String> features = List.of("joint_position", "joint_velocity", "joint_effort", "action", "wrench_left",
        "wrench_right", "tactile_left", "tactile_right");
    // Exported rows (small test data): values per (source, feature, element index), masked joints left out.
    Map<String, List<Double>> values = new HashMap<>();
    for (Row r : slice(config, Tables.TIMESTEPS, D1).collectAsList()) {
      List<Boolean> mask = r.isNullAt(r.fieldIndex("joint_mask")) ? null : r.getList(r.fieldIndex("joint_mask"));
      for (String f : features) {
        if (r.isNullAt(r.fieldIndex(f))) {
          continue;
        }
        List<Float> v = r.getList(r.fieldIndex(f));
        boolean joint = f.startsWith("joint_") || f.equals("action");
        for (int i = 0; i < v.size(); i++) {
          if (v.get(i) == null || (joint && mask != null && !mask.get(i))) {
            continue;
          }
          values.computeIfAbsent(r.getAs("source") + "|" + f + "|" + i, k -> new ArrayList<>()).add((double) v.get(i));
        }
      }
    }
    List<Row> stats = slice(config, Tables.FEATURE_STATS, D1).where("count > 0").collectAsList();
    assertThat(stats).hasSize(values.size());
    List<String> joints = PublishFixture.jointNames();
    double relative = Math.scalb(1.0, -9);
    for (Row s : stats) {
      String key = s.getAs("source") + "|" + s.getAs("feature") + "|" + s.<Integer>getAs("element_index");
      double[] x = values.get(key).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      assertThat(x).as(key).isNotNull();
      int n = x.length;
      double mean = Arrays.stream(x).sum() / n;
      double var = Arrays.stream(x).map(v -> (v - mean) * (v - mean)).sum() / n;
      assertThat(s.<Long>getAs("count")).as(key).isEqualTo(n);
      assertThat(s.<Double>getAs("min")).as(key).isEqualTo(x[0]);
      assertThat(s.<Double>getAs("max")).as(key).isEqualTo(x[n - 1]);
      assertThat(s.<Double>getAs("mean")).as(key).isCloseTo(mean,
          org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, Math.abs(mean))));
      assertThat(s.<Double>getAs("std")).as(key).isCloseTo(Math.sqrt(var),
          org.assertj.core.data.Offset.offset(1e-7 * Math.max(1, Math.sqrt(var))));
      String f = s.getAs("feature");
      if (f.startsWith("joint_") || f.equals("action")) {
        assertThat(s.<String>getAs("element")).isEqualTo(joints.get(s.<Integer>getAs("element_index")));
      }
      double[] qs = {0.01, 0.10, 0.50, 0.90, 0.99};
      String[] names = {"q01", "q10", "q50", "q90", "q99"};
      for (int i = 0; i < qs.length; i++) {
        double h = qs[i] * (n - 1);
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, n - 1);
        double numpyLinear = x[lo] + (h - lo) * (x[hi] - x[lo]);
        double bound = relative * Math.max(Math.abs(x[lo]), Math.abs(x[hi])) + 1e-30;
        assertThat(s.<Double>getAs(names[i])).as(key + " " + names[i])
            .isCloseTo(numpyLinear, org.assertj.core.data.Offset.offset(bound));
      }
    }
  }

  @Test
  void splitIsStableWhenNewEpisodesArriveAndFollowsTheConfiguredFractions() throws Exception {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    publish(config, D1, "run-1");
    Map<String, String> before = splits(config);

    // A late episode arrives in silver for D1: without quality results publish refuses it ...
    DeltaTableWriter writer = writer(config);
    Dataset<Row> silver = table(config, Tables.ROBOT_TIMESTEPS).where(TableId.datePredicate(D1)).cache();
    Row donorRow = silver.select("episode_id", "robot_id", "session_id").orderBy(col("episode_id").desc()).first();
    String donor = donorRow.getString(0);
    Dataset<Row> late = silver.where(col("episode_id").equalTo(donor)).withColumn("episode_id",
        functions.lit("late-arrival-7"));
    writer.replaceSlice(Tables.ROBOT_TIMESTEPS, silver.unionByName(late).localCheckpoint(), TableId.datePredicate(D1),
        "align-late");
    silver.unpersist();
    assertThatThrownBy(() -> publish(config, D1, "run-2")).isInstanceOf(UserError.class)
        .hasMessageContaining("do not cover 1 of")
        .hasMessageContaining("fleet/" + donorRow.getString(1) + "/" + donorRow.getString(2) + "/late-arrival-7")
        .hasMessageContaining("--stages quality");

    // ... once quality scored it, it is published and nobody else's split moves.
    List<Verdict> verdicts = PublishFixture.episodeVerdicts(table(config, Tables.ROBOT_EPISODES), D1, true);
    verdicts.add(Verdict.episode(D1, donorRow.getString(1), donorRow.getString(2), "late-arrival-7", false, false));
    verdicts.addAll(PublishFixture.clipVerdicts(table(config, Tables.HUMAN_CLIPS), D1));
    PublishFixture.writeQuality(spark(), writer, D1, verdicts);
    publish(config, D1, "run-3");
    Map<String, String> after = splits(config);
    assertThat(after).containsAllEntriesOf(before).containsEntry("late-arrival-7",
        DeterministicSplit.standard().splitOf("late-arrival-7"));
    assertThat(after).hasSize(before.size() + 1);

    // Configured fractions and salt: everything to val.
    CurateConfig allVal = PublishFixture.config(temp, Path.of(config.paths().warehouse()), Map.of(
        "publish.split.train", 0.0, "publish.split.val", 1.0, "publish.split.test", 0.0,
        "publish.split_salt", "reshuffle-1"));
    publish(allVal, D1, "run-4");
    assertThat(Set.copyOf(splits(allVal).values())).containsExactly("val");
    assertThat(slice(allVal, Tables.TIMESTEPS, D1).select("split").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly("val");
    DeterministicSplit salted = new DeterministicSplit(new SplitFractions(0.5, 0.25, 0.25), "reshuffle-1");
    assertThat(salted.unit("late-arrival-7")).isNotEqualTo(DeterministicSplit.standard().unit("late-arrival-7"));
  }

  private Map<String, String> splits(CurateConfig config) {
    Map<String, String> out = new HashMap<>();
    slice(config, Tables.EPISODES, D1).select("episode_id", "split").collectAsList()
        .forEach(r -> out.put(r.getString(0), r.getString(1)));
    return out;
  }

  @Test
  void withoutQualityResultsForTheDateItFailsWithAOneLineUserError() {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    LocalDate unscored = D2.plusDays(1);
    assertThatThrownBy(() -> publish(config, unscored, "run-1")).isInstanceOf(UserError.class)
        .hasMessage("quality has not run for " + unscored + " (gold.quality_report has no rows for it): run "
            + "`curate run --date " + unscored + " --stages quality` first");
  }

  @Test
  void theGateOpensOnlyForTheQualityRunWhoseVerdictsPublishReads() {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    String missing = "the quality gate is closed for " + D1 + ": gold.quality_runs has no row for it";
    // No gate row for the date (quality did not finish, or the row was deleted): closed.
    writer(config).replaceSlice(Tables.QUALITY_RUNS, table(config, Tables.QUALITY_RUNS).limit(0),
        TableId.datePredicate(D1), "deleted");
    assertThatThrownBy(() -> publish(config, D1, "run-1")).isInstanceOf(UserError.class)
        .hasMessageStartingWith(missing);
    // A gate row of another run than the verdicts (quality stopped between its commits): closed.
    PublishFixture.writeGate(spark(), writer(config), D1, "quality-run-2", true);
    assertThatThrownBy(() -> publish(config, D1, "run-2")).isInstanceOf(UserError.class)
        .hasMessageContaining("gold.quality_runs is of run [quality-run-2] but the verdicts")
        .hasMessageContaining("[quality-run]");
    // The same run, closed: refused with the gate's message.
    PublishFixture.writeGate(spark(), writer(config), D1, "quality-run", false);
    assertThatThrownBy(() -> publish(config, D1, "run-3")).isInstanceOf(UserError.class)
        .hasMessageContaining("the quality gate is closed for " + D1 + " (clips: 1 of 2 failed the fail rule)");
    // The same run, open: published.
    PublishFixture.writeGate(spark(), writer(config), D1, "quality-run", true);
    assertThat(publish(config, D1, "run-4").counts()).containsKey("episodes");
  }

  @Test
  void withoutHumanSilverForTheDateItPublishesFleetOnlyAndSaysSo() throws Exception {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    publish(config, D1, "run-1");
    String human = checksum(slice(config, Tables.TIMESTEPS, D1).where("source = 'human'"));
    Dataset<Row> empty = table(config, Tables.HUMAN_TIMESTEPS).limit(0);
    writer(config).replaceSlice(Tables.HUMAN_TIMESTEPS, empty, TableId.datePredicate(D1),
        "retarget-none");

    StageResult result = publish(config, D1, "run-2");
    assertThat(result.counts()).containsEntry("human_silver_missing", 1L);
    // Fleet replaced by run-2; the human partition of the date left as it was.
    assertThat(slice(config, Tables.TIMESTEPS, D1).where("source = 'fleet'").select("run_id").distinct()
        .collectAsList()).extracting(r -> r.getString(0)).containsExactly("run-2");
    assertThat(checksum(slice(config, Tables.TIMESTEPS, D1).where("source = 'human'"))).isEqualTo(human);
    Row e = slice(config, Tables.EPISODES, D1).where("source = 'fleet'").first();
    assertThat(e.<Map<String, Long>>getAs("input_versions") == null
        ? Map.of()
        : e.getJavaMap(e.fieldIndex("input_versions"))).doesNotContainKey("silver.human_timesteps");
  }

  /**
   * Episode ids are unique only within a session. With every session's episodes renamed e001, e002, ... the
   * sessions of D1 share ids; quarantining one session's e001 holds back that episode alone, and every other episode
   * is published once, with its own steps and its own session's raw path.
   */
  @Test
  void episodesSharingAnIdAcrossSessionsArePublishedApart() {
    CurateConfig config = PublishFixture.warehouse(spark(), temp);
    DeltaTableWriter writer = writer(config);
    for (TableId t : List.of(Tables.ROBOT_TIMESTEPS, Tables.ROBOT_EPISODES, Tables.EVENTS)) {
      Dataset<Row> renamed = slice(config, t, D1)
          .withColumn("episode_id", functions.regexp_extract(col("episode_id"), "(e[0-9]+)$", 1));
      writer.replaceSlice(t, renamed.localCheckpoint(), TableId.datePredicate(D1), "rename-" + t.name());
    }
    Dataset<Row> silver = slice(config, Tables.ROBOT_TIMESTEPS, D1);
    List<Row> e001 = silver.where("episode_id = 'e001'").select("robot_id", "session_id").distinct()
        .orderBy("robot_id", "session_id").collectAsList();
    assertThat(e001).as("sessions sharing episode id e001").hasSizeGreaterThan(1);
    String heldRobot = e001.get(0).getString(0);
    String heldSession = e001.get(0).getString(1);

    List<Verdict> verdicts = new ArrayList<>();
    for (Verdict v : PublishFixture.episodeVerdicts(silver, D1, false)) {
      boolean held = v.entityId().equals("e001") && v.robotId().equals(heldRobot)
          && v.sessionId().equals(heldSession);
      verdicts.add(Verdict.episode(D1, v.robotId(), v.sessionId(), v.entityId(), held, false));
    }
    verdicts.addAll(PublishFixture.clipVerdicts(table(config, Tables.HUMAN_CLIPS), D1));
    PublishFixture.writeQuality(spark(), writer, D1, verdicts);
    publish(config, D1, "run-1");

    Map<String, Long> expected = new HashMap<>();
    silver.groupBy("robot_id", "session_id", "episode_id").count().collectAsList().forEach(r -> expected.put(
        r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2), r.getLong(3)));
    String held = heldRobot + "/" + heldSession + "/e001";
    assertThat(expected.remove(held)).isNotNull();
    Map<String, String> sessionPaths = new HashMap<>();
    slice(config, Tables.SESSIONS, D1).select("robot_id", "session_id", "source_path").collectAsList()
        .forEach(r -> sessionPaths.put(r.getString(0) + "/" + r.getString(1), r.getString(2)));

    Map<String, Long> published = new HashMap<>();
    for (Row e : slice(config, Tables.EPISODES, D1).where("source = 'fleet'").collectAsList()) {
      String session = e.<String>getAs("robot_id") + "/" + e.<String>getAs("session_id");
      String key = session + "/" + e.<String>getAs("episode_id");
      assertThat(published.put(key, e.<Long>getAs("step_count"))).as("one gold.episodes row for %s", key).isNull();
      assertThat(e.<String>getAs("raw_path")).as("raw path of %s", key).isEqualTo(sessionPaths.get(session));
    }
    assertThat(published).isEqualTo(expected);
    Map<String, Long> steps = new HashMap<>();
    slice(config, Tables.TIMESTEPS, D1).where("source = 'fleet'").groupBy("robot_id", "session_id", "episode_id")
        .count().collectAsList().forEach(r -> steps.put(r.getString(0) + "/" + r.getString(1) + "/"
            + r.getString(2), r.getLong(3)));
    assertThat(steps).isEqualTo(expected);
  }
}
