package ai.curate.jobs.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.fleet.FleetIngestStage;
import ai.curate.jobs.human.HumanIngestStage;
import ai.curate.jobs.stages.Stage;
import ai.curate.jobs.stages.StageContext;
import ai.curate.jobs.stages.StageResult;
import ai.curate.jobs.tables.Tables;
import ai.curate.testing.SparkTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * The daily DAG runs ingest-fleet and ingest-human at the same time, and both replace their rows of
 * bronze.ingest_errors: the two writes must never conflict, on a fresh warehouse or an existing one.
 */
class IngestErrorLedgerConcurrencyTest extends SparkTestBase {
  private static final LocalDate DATE = LocalDate.parse("2026-01-15");
  private static final LocalDate EARLIER = DATE.minusDays(1);
  private static final int ROUNDS = 4;

  private StageContext context(Path warehouse, String runId) {
    CurateConfig config = ConfigFixtures.session(temp.resolve("raw"), warehouse, temp.resolve("scratch")).load(temp);
    return new StageContext(spark(), config, DATE, runId);
  }

  private List<IngestError> errors(String stage, int round, int n) {
    List<IngestError> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      boolean fleet = stage.equals(FleetIngestStage.NAME);
      out.add(new IngestError("raw/" + stage + "/" + i, fleet ? "session-" + i : null, fleet ? null : "clip-" + i,
          null, "round_" + round, "round " + round + " error " + i));
    }
    return out;
  }

  /** A landing zone whose every unit is a ledger row: a fleet bundle with a broken manifest, a clip without video. */
  private Path rawWithDamagedUnits() throws IOException {
    Path raw = temp.resolve("raw");
    Path bundle = Files.createDirectories(raw.resolve("fleet/date=" + DATE + "/robot-1/session-1"));
    Files.writeString(bundle.resolve("manifest.json"), "{ not json");
    Path clip = Files.createDirectories(raw.resolve("human/date=" + DATE + "/dexsuite-hands/clip-1"));
    Files.writeString(clip.resolve("clip.json"), "{ not json");
    return raw;
  }

  private Map<String, Long> ledgerRowsByStage(Path warehouse) {
    Map<String, Long> out = new TreeMap<>();
    for (Object[] r : sql("SELECT stage, count(*) FROM delta.`%s` WHERE capture_date = DATE'%s' GROUP BY stage",
        warehouse.resolve("bronze/ingest_errors"), DATE)) {
      out.put((String) r[0], (Long) r[1]);
    }
    return out;
  }

  /**
   * The daily DAG's situation itself: both ingest stages, started together on one fresh warehouse, several times.
   * Whether their ledger writes overlap depends on how long each stage takes before it, so this checks whole stages
   * side by side; {@link #bothIngestsReplaceTheirLedgerRowsAtTheSameTimeWithoutConflict} makes the writes overlap.
   */
  @Test
  void fleetAndHumanIngestRunAtTheSameTime() throws Exception {
    Path raw = rawWithDamagedUnits();
    Path reference = temp.resolve("wh-alone");
    CurateConfig alone = ConfigFixtures.session(raw, reference, temp.resolve("scratch")).load(temp);
    new FleetIngestStage().run(new StageContext(spark(), alone, DATE, "alone"));
    new HumanIngestStage().run(new StageContext(spark(), alone, DATE, "alone"));
    Map<String, Long> expected = ledgerRowsByStage(reference);
    assertThat(expected).containsOnlyKeys(FleetIngestStage.NAME, HumanIngestStage.NAME);

    Path warehouse = temp.resolve("wh");
    CurateConfig config = ConfigFixtures.session(raw, warehouse, temp.resolve("scratch")).load(temp);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 3; round++) {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<StageResult>> runs = new ArrayList<>();
        for (Stage stage : List.of(new FleetIngestStage(), new HumanIngestStage())) {
          StageContext ctx = new StageContext(spark(), config, DATE, "together-" + round);
          runs.add(pool.submit(() -> {
            start.await();
            return stage.run(ctx);
          }));
        }
        start.countDown();
        for (Future<StageResult> run : runs) {
          run.get(5, TimeUnit.MINUTES); // rethrows a conflict
        }
        assertThat(ledgerRowsByStage(warehouse)).as("round %d", round).isEqualTo(expected);
        assertThat(sql("SELECT DISTINCT run_id FROM delta.`%s`", warehouse.resolve("bronze/ingest_errors")))
            .as("round %d replaced both stages' rows", round).containsExactly(new Object[] {"together-" + round});
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** A ledger as versions before the (date, stage) partitioning wrote it: two fleet rows of the day before. */
  private String oldLedger(Path warehouse) {
    String ledger = warehouse.resolve("bronze/ingest_errors").toString();
    context(warehouse, "old-run").withRunMetadata(spark().createDataFrame(
        IngestErrorLedger.toRows(errors(FleetIngestStage.NAME, 0, 2)), IngestErrorLedger.ERROR_SCHEMA)
        .withColumn("capture_date", functions.lit(java.sql.Date.valueOf(EARLIER)))
        .withColumn("stage", functions.lit(FleetIngestStage.NAME)), "recorded_at")
        .write().format("delta").partitionBy("capture_date").save(ledger);
    return ledger;
  }

  private List<String> partitionColumns(String table) {
    return io.delta.tables.DeltaTable.forPath(spark(), table).detail().select("partitionColumns").first().getList(0);
  }

  /**
   * A ledger an older version created is migrated by the first ingest that meets it, keeping its rows; when both
   * ingests meet it at once, one migrates and the other finds it migrated.
   */
  @Test
  void bothIngestsMeetingALedgerWithTheOldPartitioningMigrateItOnce() throws Exception {
    Path warehouse = temp.resolve("wh");
    String ledger = oldLedger(warehouse);
    assertThat(partitionColumns(ledger)).containsExactly("capture_date");

    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier together = new CyclicBarrier(2);
      List<Future<Void>> writes = new ArrayList<>();
      for (String stage : List.of(FleetIngestStage.NAME, HumanIngestStage.NAME)) {
        StageContext ctx = context(warehouse, stage + "-new-run");
        List<Row> rows = IngestErrorLedger.toRows(errors(stage, 1, 1));
        writes.add(pool.submit(() -> {
          var frame = spark().createDataFrame(rows, IngestErrorLedger.ERROR_SCHEMA);
          together.await(1, TimeUnit.MINUTES);
          IngestErrorLedger.replace(ctx, stage, frame);
          return null;
        }));
      }
      for (Future<Void> w : writes) {
        w.get(5, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(partitionColumns(ledger)).containsExactly("capture_date", "stage");
    assertThat(sql("SELECT capture_date, stage, count(*) FROM delta.`%s` GROUP BY 1, 2 ORDER BY 1, 2", ledger))
        .containsExactly(new Object[] {java.sql.Date.valueOf(EARLIER), FleetIngestStage.NAME, 2L},
            new Object[] {java.sql.Date.valueOf(DATE), FleetIngestStage.NAME, 1L},
            new Object[] {java.sql.Date.valueOf(DATE), HumanIngestStage.NAME, 1L});
  }

  @Test
  void bothIngestsReplaceTheirLedgerRowsAtTheSameTimeWithoutConflict() throws Exception {
    Path warehouse = temp.resolve("wh");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < ROUNDS; round++) {
        CyclicBarrier together = new CyclicBarrier(2);
        int r = round;
        List<Future<Void>> writes = new ArrayList<>();
        for (String stage : List.of(FleetIngestStage.NAME, HumanIngestStage.NAME)) {
          StageContext ctx = context(warehouse, stage + "-run-" + round);
          List<Row> rows = IngestErrorLedger.toRows(errors(stage, r, stage.equals(FleetIngestStage.NAME) ? 3 : 2));
          Callable<Void> write = () -> {
            var frame = spark().createDataFrame(rows, IngestErrorLedger.ERROR_SCHEMA);
            together.await(1, TimeUnit.MINUTES);
            IngestErrorLedger.replace(ctx, stage, frame);
            return null;
          };
          writes.add(pool.submit(write));
        }
        for (Future<Void> w : writes) {
          w.get(5, TimeUnit.MINUTES); // rethrows a conflict
        }
        String ledger = warehouse.resolve(Tables.INGEST_ERRORS.layer()).resolve(Tables.INGEST_ERRORS.name())
            .toString();
        assertThat(sql("SELECT stage, error_kind, count(*) FROM delta.`%s` WHERE capture_date = DATE'%s' "
            + "GROUP BY stage, error_kind ORDER BY stage", ledger, DATE))
            .as("round %d: each stage's rows of this round, nothing else", round)
            .containsExactly(new Object[] {FleetIngestStage.NAME, "round_" + round, 3L},
                new Object[] {HumanIngestStage.NAME, "round_" + round, 2L});
      }
    } finally {
      pool.shutdownNow();
    }
    // The writes really overlapped: some commit was made on top of a version older than the one before it.
    String ledger = warehouse.resolve("bronze/ingest_errors").toString();
    long overlapped = spark().sql("DESCRIBE HISTORY delta.`" + ledger + "`")
        .where("operation = 'WRITE' AND readVersion IS NOT NULL AND readVersion < version - 1").count();
    assertThat(overlapped).as("ledger commits made while the other ingest's commit landed").isPositive();
  }
}
