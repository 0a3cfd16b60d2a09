package ai.curate.jobs.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.curate.jobs.config.ConfigFixtures;
import ai.curate.jobs.config.CurateConfig;
import ai.curate.jobs.errors.ErrorKind;
import ai.curate.jobs.errors.UserError;
import ai.curate.jobs.stages.StageContext;
import ai.curate.testing.SparkTestBase;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

/** Registration in the catalog: a run never moves a table name another warehouse registered unless told to. */
class DeltaTableWriterTest extends SparkTestBase {
  private static final LocalDate DATE = LocalDate.parse("2026-01-15");
  private static final StructType SCHEMA = new StructType().add("capture_date", DataTypes.DateType)
      .add("value", DataTypes.IntegerType);

  /** A table of its own per test: the in-memory catalog is shared by every test of the JVM. */
  private static TableId freshTable() {
    return new TableId("writer_test", "t_" + UUID.randomUUID().toString().replace("-", ""));
  }

  private Dataset<Row> rows(int value) {
    return spark().createDataFrame(List.of(RowFactory.create(java.sql.Date.valueOf(DATE), value)), SCHEMA);
  }

  private String catalogLocation(TableId table) {
    return spark().sessionState().catalog().externalCatalog()
        .getTable(table.layer(), table.name()).location().toString();
  }

  @Test
  void aNameRegisteredAtAnotherWarehouseIsLeftAloneWithoutForce() {
    TableId table = freshTable();
    String first = temp.resolve("wh-first").toString();
    String second = temp.resolve("wh-second").toString();
    new DeltaTableWriter(spark(), first, false).replaceSlice(table, rows(1), table.dateSlice(DATE), "run-1");
    assertThat(DeltaTableWriter.sameLocation(catalogLocation(table), table.location(first))).isTrue();

    DeltaTableWriter other = new DeltaTableWriter(spark(), second, false);
    Throwable refused = catchThrowable(() -> other.replaceSlice(table, rows(2), table.dateSlice(DATE), "run-2"));

    assertThat(refused).isInstanceOf(UserError.class);
    assertThat(((UserError) refused).kind()).isEqualTo(ErrorKind.CATALOG);
    assertThat(refused.getMessage().lines()).hasSize(1);
    assertThat(refused.getMessage()).contains(table.qualified(), table.location(first), table.location(second),
        "--force");
    // Nothing moved and nothing was written: the refusal comes before the write.
    assertThat(DeltaTableWriter.sameLocation(catalogLocation(table), table.location(first))).isTrue();
    assertThat(io.delta.tables.DeltaTable.isDeltaTable(spark(), table.location(second))).isFalse();
    assertThat(spark().table(table.qualified()).collectAsList()).extracting(r -> r.getInt(1)).containsExactly(1);

    new DeltaTableWriter(spark(), second, true).replaceSlice(table, rows(2), table.dateSlice(DATE), "run-2");
    assertThat(DeltaTableWriter.sameLocation(catalogLocation(table), table.location(second))).isTrue();
    assertThat(spark().table(table.qualified()).collectAsList()).extracting(r -> r.getInt(1)).containsExactly(2);
  }

  @Test
  void ensureTableRefusesToRepointToo() {
    TableId table = freshTable();
    new DeltaTableWriter(spark(), temp.resolve("wh-first").toString(), false).ensureTable(table, SCHEMA,
        java.util.Map.of());
    DeltaTableWriter other = new DeltaTableWriter(spark(), temp.resolve("wh-second").toString(), false);
    assertThat(catchThrowable(() -> other.ensureTable(table, SCHEMA, java.util.Map.of())))
        .isInstanceOf(UserError.class).hasMessageContaining("--force");
  }

  /** Other tables are not rewritten behind the user's back: a partitioning this version does not write stops. */
  @Test
  void aTablePartitionedOtherwiseStopsWithOneLine() {
    TableId table = new TableId("writer_test", "p_" + UUID.randomUUID().toString().replace("-", ""),
        List.of("capture_date", "value"));
    String warehouse = temp.resolve("wh").toString();
    rows(1).write().format("delta").partitionBy("capture_date").save(table.location(warehouse));

    Throwable refused = catchThrowable(() -> new DeltaTableWriter(spark(), warehouse, false)
        .replaceSlice(table, rows(2), table.dateSlice(DATE), "run-1"));

    assertThat(refused).isInstanceOf(UserError.class);
    assertThat(((UserError) refused).kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(refused.getMessage().lines()).hasSize(1);
    assertThat(refused.getMessage()).contains(table.qualified(), "[capture_date]", "[capture_date, value]",
        "docs/operations.md");
  }

  @Test
  void theSameFolderSpelledDifferentlyIsNotAnotherLocation() {
    assertThat(DeltaTableWriter.sameLocation("file:/data/wh/bronze/t", "/data/wh/bronze/t")).isTrue();
    assertThat(DeltaTableWriter.sameLocation("file:///data/wh/bronze/t/", "/data/wh/bronze/t")).isTrue();
    assertThat(DeltaTableWriter.sameLocation("s3a://bucket/wh/bronze/t", "s3a://bucket/wh/bronze/t/")).isTrue();
    assertThat(DeltaTableWriter.sameLocation("file:/data/wh/bronze/t", "/data/wh2/bronze/t")).isFalse();
    assertThat(DeltaTableWriter.sameLocation("s3a://bucket/wh/bronze/t", "s3a://other/wh/bronze/t")).isFalse();
    assertThat(DeltaTableWriter.sameLocation("", "/data/wh/bronze/t")).isFalse();
  }

  /**
   * The in-memory catalog (catalog.kind=session, the tests) belongs to this process alone, so a stage repoints its
   * names without --force; only --force repoints a shared (Hive) catalog.
   */
  @Test
  void stagesRepointOnlyAPrivateCatalogWithoutForce() {
    assertThat(DeltaTableWriter.privateCatalog(spark())).isTrue();
    TableId table = freshTable();
    for (String wh : List.of("wh-first", "wh-second")) {
      Path warehouse = temp.resolve(wh);
      CurateConfig config = ConfigFixtures.session(temp.resolve("raw"), warehouse, temp.resolve("scratch"))
          .load(temp);
      StageContext ctx = new StageContext(spark(), config, DATE, "run-" + wh);
      assertThat(ctx.repointTables()).isFalse();
      ctx.replaceSlice(table, rows(1));
      assertThat(DeltaTableWriter.sameLocation(catalogLocation(table), table.location(warehouse.toString())))
          .isTrue();
    }
  }

  @Test
  void aSliceWithANewColumnAddsItAndEarlierSlicesReadNull() {
    TableId table = freshTable();
    String warehouse = temp.resolve("wh-evolve").toString();
    DeltaTableWriter writer = new DeltaTableWriter(spark(), warehouse, false);
    LocalDate earlier = DATE.minusDays(1);
    writer.replaceSlice(table, spark().createDataFrame(List.of(RowFactory.create(java.sql.Date.valueOf(earlier), 1)),
        SCHEMA), table.dateSlice(earlier), "run-1");

    Dataset<Row> wider = spark().createDataFrame(List.of(RowFactory.create(java.sql.Date.valueOf(DATE), 2, "r1")),
        SCHEMA.add("robot_id", DataTypes.StringType));
    writer.replaceSlice(table, wider, table.dateSlice(DATE), "run-2");

    List<Row> all = spark().read().format("delta").load(table.location(warehouse)).orderBy("value")
        .select("value", "robot_id").collectAsList();
    assertThat(all).extracting(r -> r.get(0) + "/" + r.get(1)).containsExactly("1/null", "2/r1");
  }

  /** Released when both writes of the race below run their task: both transactions began on a missing table. */
  private static volatile CountDownLatch bothWriting;

  @Test
  void twoWritesCreatingTheSameTableAtOnceBothCommit() throws Exception {
    TableId table = freshTable();
    String warehouse = temp.resolve("wh-race").toString();
    bothWriting = new CountDownLatch(2);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Long>> writes = new ArrayList<>();
      for (int day = 0; day < 2; day++) {
        LocalDate date = DATE.plusDays(day);
        int value = day;
        writes.add(pool.submit(() -> {
          // Each write's one task waits for the other's: neither commits before both transactions saw no table,
          // so one commit creates the table and the other meets it (Delta: ProtocolChangedException).
          Dataset<Row> rows = spark().createDataFrame(List.of(RowFactory.create(java.sql.Date.valueOf(date), value)),
              SCHEMA).mapPartitions((MapPartitionsFunction<Row, Row>) it -> {
                bothWriting.countDown();
                if (!bothWriting.await(2, TimeUnit.MINUTES)) {
                  throw new IllegalStateException("the other write never started");
                }
                return it;
              }, Encoders.row(SCHEMA));
          return new DeltaTableWriter(spark(), warehouse, false).replaceSlice(table, rows, table.dateSlice(date),
              "run-" + date);
        }));
      }
      for (Future<Long> w : writes) {
        assertThat(w.get(3, TimeUnit.MINUTES)).isGreaterThanOrEqualTo(0);
      }
    } finally {
      pool.shutdownNow();
    }
    List<Row> all = spark().read().format("delta").load(table.location(warehouse)).orderBy("value").collectAsList();
    assertThat(all).extracting(r -> r.get(0) + "/" + r.get(1)).containsExactly(DATE + "/0", DATE.plusDays(1) + "/1");
    assertThat(catalogLocation(table)).endsWith(table.layer() + "/" + table.name());
  }
}
