package ai.curate.tests.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The shared catalog ({@code catalog.kind=jdbc}) on a real PostgreSQL, with every party a process of its own, as on a
 * team's machine: {@code curate catalog init}, the demo and another date run at once while two other processes
 * query gold and silver by name, a run killed mid-publish, {@code catalog register} into a second catalog, and
 * {@code curate sql-server} answering the standard Hive JDBC driver.
 *
 * <p>Needs the database .ci/run starts with build-tools/test-postgres.sh ({@code CURATE_TEST_CATALOG_URL}, user and
 * password); skipped, saying so, without it. Each run of the test creates databases of its own on that server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SharedCatalogTest {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(12);
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);
  private static final LocalDate DEMO_DATE = LocalDate.parse("2026-01-15");
  /** Run by {@code curate run} while the demo runs its own date. */
  private static final LocalDate OTHER_DATE = LocalDate.parse("2026-01-16");
  private static final ObjectMapper JSON = new ObjectMapper();

  private String serverUrl;
  private String user;
  private String password;
  private final List<String> databases = new ArrayList<>();
  private final Map<Path, String> catalogUrls = new HashMap<>();
  private Path work;
  private Path config;
  private Map<String, String> environment;
  private final List<CurateProcess> started = new ArrayList<>();
  /** Rows per table and date after the latest test that published, as read by a new process. */
  private Map<String, Map<String, Long>> published;

  @BeforeAll
  void database() throws Exception {
    serverUrl = System.getenv("CURATE_TEST_CATALOG_URL");
    Assumptions.assumeTrue(serverUrl != null && !serverUrl.isBlank(),
        "CURATE_TEST_CATALOG_URL is not set: start a PostgreSQL with build-tools/test-postgres.sh (as .ci/run does)"
            + " to run the shared-catalog tests");
    user = System.getenv().getOrDefault("CURATE_TEST_CATALOG_USER", "");
    password = System.getenv().getOrDefault("CURATE_TEST_CATALOG_PASSWORD", "");
    environment = Map.of("CURATE_CATALOG_PASSWORD", password);
    work = Path.of(System.getProperty("curate.cluster.spark.home")).getParent().getParent().resolve("shared-catalog");
    deleteTree(work);
    Files.createDirectories(work);
    config = writeConfig("curate.yaml", createDatabase());
  }

  @AfterAll
  void stopProcesses() throws Exception {
    for (CurateProcess p : started) {
      if (p.alive()) {
        p.kill();
      }
    }
    if (serverUrl == null || serverUrl.isBlank()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
      for (String db : databases) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    }
  }

  @Test
  @Order(1)
  void initCreatesTheSchemaOnceAndRefusesAnotherVersion() throws Exception {
    CurateProcess before = curate("sql-before-init", "sql", "--config", config.toString(), "SHOW DATABASES");
    assertThat(before.await(COMMAND_TIMEOUT)).as("exit code of a query before init").isEqualTo(2);
    assertThat(lastLine(before.output())).as("one line saying what to do").contains("run `curate catalog init`");
    assertThat(before.output()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");

    String created = curate("init", "catalog", "init", "--config", config.toString()).awaitSuccess(COMMAND_TIMEOUT);
    assertThat(created).contains("created the metastore schema 2.3.0");
    try (Connection c = connect(catalogUrl(config));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT \"SCHEMA_VERSION\" FROM \"VERSION\"")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("2.3.0");
      assertThat(tablesOf(c)).as("Hive's metastore tables").contains("DBS", "TBLS", "SDS", "TABLE_PARAMS",
          "PARTITIONS", "COLUMNS_V2", "SERDES", "TAB_COL_STATS", "FUNCS");
    }
    String again = curate("init-again", "catalog", "init", "--config", config.toString())
        .awaitSuccess(COMMAND_TIMEOUT);
    assertThat(again).contains("already holds the metastore schema 2.3.0; nothing to do");

    // A database of another Hive version is refused untouched, by init and by every command.
    Path other = writeConfig("other-version.yaml", createDatabase());
    curate("init-other", "catalog", "init", "--config", other.toString()).awaitSuccess(COMMAND_TIMEOUT);
    try (Connection c = connect(catalogUrl(other)); Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE \"VERSION\" SET \"SCHEMA_VERSION\" = '3.1.0'");
    }
    CurateProcess refused = curate("init-refused", "catalog", "init", "--config", other.toString());
    assertThat(refused.await(COMMAND_TIMEOUT)).isEqualTo(2);
    assertThat(lastLine(refused.output())).contains("version 3.1.0").contains("needs 2.3.0");
    try (Connection c = connect(catalogUrl(other));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT \"SCHEMA_VERSION\" FROM \"VERSION\"")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).as("left untouched").isEqualTo("3.1.0");
    }
  }

  /**
   * The demo (its own date) and a run of another date publish at once, full runs of every stage, while two reader
   * processes query gold.episodes, gold.timesteps and silver.robot_timesteps by name. The readers start before any
   * table exists: a name may be absent until it is first registered, never afterwards; every answer holds a date's
   * rows all or none; the readers never wait for the runs.
   */
  @Test
  @Order(2)
  void theDemoAndAnotherDatePublishAtOnceWhileTwoOtherProcessesQuery() throws Exception {
    curate("sample-" + OTHER_DATE, "generate-sample", "--out", work.resolve("raw").toString(), "--date",
        OTHER_DATE.toString(), "--sessions", "1", "--clips", "0", "--session-minutes", "0.2", "--threads", "1")
        .awaitSuccess(COMMAND_TIMEOUT);
    Path stop = work.resolve("readers.stop");
    Files.deleteIfExists(stop);
    List<CurateProcess> readers = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      readers.add(track(CurateProcess.start("reader-" + i, work.resolve("logs"), environment,
          SnapshotReader.class.getName(), List.of(config.toString(), stop.toString()))));
    }
    for (CurateProcess reader : readers) {
      reader.awaitOutput(SnapshotReader.ABSENT + " ", COMMAND_TIMEOUT);
    }
    long runsStart = System.currentTimeMillis();
    CurateProcess demo = curate("demo", "demo", "--config", config.toString());
    CurateProcess other = curate("run-" + OTHER_DATE, "run", "--config", config.toString(), "--date",
        OTHER_DATE.toString());
    int demoCode = demo.await(RUN_TIMEOUT);
    int otherCode = other.await(RUN_TIMEOUT);
    long runsEnd = System.currentTimeMillis();
    Files.writeString(stop, "stop");
    for (CurateProcess reader : readers) {
      reader.awaitSuccess(COMMAND_TIMEOUT);
    }
    assertThat(demoCode).as("exit code of the demo:\n%s", demo.output()).isZero();
    assertThat(otherCode).as("exit code of %s:\n%s", other.name(), other.output()).isZero();
    assertThat(demo.output()).contains("published:");

    // Both dates committed, read by a new process.
    published = countsByDate();
    for (String table : SnapshotReader.TABLES) {
      for (LocalDate date : List.of(DEMO_DATE, OTHER_DATE)) {
        assertThat(published.get(table)).as("%s rows of %s", table, date).containsKey(date.toString());
      }
    }

    // Every observation saw a whole version of each table: a date's rows all there or not there, never part.
    int during = 0;
    for (CurateProcess reader : readers) {
      for (Observation o : observations(reader.output())) {
        for (Map.Entry<String, Long> e : o.counts().entrySet()) {
          assertThat(published.get(o.table())).as("%s: dates seen by %s", o.table(), reader.name())
              .containsKey(e.getKey());
        }
        for (Map.Entry<String, Long> e : published.get(o.table()).entrySet()) {
          assertThat(o.counts().getOrDefault(e.getKey(), 0L)).as("%s rows of %s seen by %s at %d", o.table(),
              e.getKey(), reader.name(), o.start()).isIn(0L, e.getValue());
        }
        if (o.present() && o.start() > runsStart && o.end() < runsEnd) {
          during++;
        }
      }
    }
    System.out.printf("readers: %d queries of existing tables answered while the two runs ran (%d s)%n", during,
        (runsEnd - runsStart) / 1000);
    assertThat(during).as("queries answered while the runs ran: readers never wait for the runs").isGreaterThan(10);
  }

  @Test
  @Order(4)
  void aRunKilledMidPublishLeavesTheCatalogAndTablesReadable() throws Exception {
    Map<String, Map<String, Long>> before = published;
    String date = OTHER_DATE.toString();
    CurateProcess run = curate("publish-killed", "run", "--config", config.toString(), "--date", date, "--stages",
        "publish");
    run.awaitOutput("running publish for " + date, RUN_TIMEOUT);
    Thread.sleep(4_000);
    assertThat(run.alive()).as("still publishing when killed").isTrue();
    run.kill();

    assertThat(countsByDate()).as("tables after the kill, read through the catalog").isEqualTo(before);
    curate("publish-again", "run", "--config", config.toString(), "--date", date, "--stages", "publish")
        .awaitSuccess(RUN_TIMEOUT);
    assertThat(countsByDate()).as("tables after publishing the date again").isEqualTo(before);
  }

  @Test
  @Order(5)
  void registerServesTheWarehouseFromAnotherCatalog() throws Exception {
    Path second = writeConfig("second.yaml", createDatabase());
    curate("init-second", "catalog", "init", "--config", second.toString()).awaitSuccess(COMMAND_TIMEOUT);
    String registered = curate("register", "catalog", "register", "--config", second.toString())
        .awaitSuccess(COMMAND_TIMEOUT);
    assertThat(registered).contains("registered gold.timesteps").contains("registered silver.robot_timesteps");
    assertThat(countsByDate(second)).as("the same tables through the second catalog").isEqualTo(published);
  }

  @Test
  @Order(6)
  void sqlServerAnswersTheStandardHiveJdbcDriver() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    CurateProcess server = curate("sql-server", "sql-server", "--config", config.toString(), "--port",
        Integer.toString(port));
    server.awaitOutput("sql-server: serving jdbc:hive2://127.0.0.1:" + port, COMMAND_TIMEOUT);
    Map<String, Long> expected = published.get("gold.timesteps");
    Class.forName("org.apache.hive.jdbc.HiveDriver");
    try (Connection c = DriverManager.getConnection("jdbc:hive2://127.0.0.1:" + port + "/default", "researcher",
        "")) {
      Set<String> gold = new TreeSet<>();
      try (ResultSet tables = c.getMetaData().getTables(null, "gold", "%", null)) {
        while (tables.next()) {
          gold.add(tables.getString("TABLE_NAME"));
        }
      }
      assertThat(gold).contains("episodes", "timesteps", "feature_stats", "quality_report", "quarantine");
      assertThat(timestepsByDate(c)).as("gold.timesteps through the server").isEqualTo(expected);
      try (Statement s = c.createStatement()) {
        SQLException refused = assertThrows(SQLException.class, () -> s.execute("DROP TABLE gold.timesteps"));
        assertThat(refused.getMessage()).contains("read-only");
      }
      assertThat(timestepsByDate(c)).as("still there after the refused DROP").isEqualTo(expected);
    } finally {
      server.stop();
    }
  }

  private static Map<String, Long> timestepsByDate(Connection c) throws SQLException {
    Map<String, Long> counted = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(
            "SELECT CAST(capture_date AS STRING) AS d, count(*) AS n FROM gold.timesteps GROUP BY 1")) {
      while (r.next()) {
        counted.put(r.getString("d"), r.getLong("n"));
      }
    }
    return counted;
  }

  // ---- helpers --------------------------------------------------------------------------------------------------

  /** One answer of a reader; {@code present} is false while the table's name was not registered yet. */
  private record Observation(String table, long start, long end, boolean present, Map<String, Long> counts) {}

  /** The reader's rounds, per table: rows per date summed over sources (gold) as one observation. */
  private static List<Observation> observations(String output) {
    List<Observation> out = new ArrayList<>();
    Map<String, Long> pending = new HashMap<>();
    for (String line : output.split("\n")) {
      String[] f = line.strip().split(" ");
      if (f[0].equals("obs") && f.length == 7) {
        pending.merge(f[3] + " " + f[4], Long.parseLong(f[6]), Long::sum);
      } else if (f[0].equals("round") && f.length == 4) {
        Map<String, Long> counts = new TreeMap<>();
        pending.forEach((k, v) -> {
          if (k.startsWith(f[3] + " ")) {
            counts.put(k.substring(f[3].length() + 1), v);
          }
        });
        pending.keySet().removeIf(k -> k.startsWith(f[3] + " "));
        out.add(new Observation(f[3], Long.parseLong(f[1]), Long.parseLong(f[2]), true, counts));
      } else if (f[0].equals(SnapshotReader.ABSENT) && f.length == 4) {
        out.add(new Observation(f[3], Long.parseLong(f[1]), Long.parseLong(f[2]), false, Map.of()));
      }
    }
    return out;
  }

  /** Rows per capture date of each of {@link SnapshotReader#TABLES}, by one {@code curate sql} in a process of its own. */
  private Map<String, Map<String, Long>> countsByDate() throws Exception {
    return countsByDate(config);
  }

  private Map<String, Map<String, Long>> countsByDate(Path configFile) throws Exception {
    String query = String.join(" UNION ALL ", SnapshotReader.TABLES.stream()
        .map(t -> "SELECT '" + t + "' AS t, CAST(capture_date AS STRING) AS d, count(*) AS n FROM " + t
            + " GROUP BY 1, 2")
        .toList());
    String out = curate("counts", "sql", "--config", configFile.toString(), "--format", "json", query)
        .awaitSuccess(COMMAND_TIMEOUT);
    Map<String, Map<String, Long>> counts = new TreeMap<>();
    SnapshotReader.TABLES.forEach(t -> counts.put(t, new TreeMap<>()));
    for (String line : out.split("\n")) {
      if (line.startsWith("{\"t\"")) {
        JsonNode row = JSON.readTree(line);
        counts.get(row.get("t").asText()).put(row.get("d").asText(), row.get("n").asLong());
      }
    }
    return counts;
  }

  private int sequence;

  private CurateProcess curate(String name, String... args) throws IOException {
    return track(CurateProcess.curate(String.format("%02d-%s", ++sequence, name), work.resolve("logs"), environment,
        args));
  }

  private CurateProcess track(CurateProcess p) {
    started.add(p);
    return p;
  }

  /** A fresh database on the test server: each test run starts from an empty catalog. */
  private String createDatabase() throws SQLException {
    String name = "curate_test_" + Long.toString(System.nanoTime(), 36);
    try (Connection c = DriverManager.getConnection(serverUrl, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    databases.add(name);
    return serverUrl.substring(0, serverUrl.lastIndexOf('/') + 1) + name;
  }

  private Path writeConfig(String fileName, String catalogUrl) throws IOException {
    Path file = work.resolve(fileName);
    Files.writeString(file, String.join("\n",
        "paths:",
        "  raw: raw",
        "  warehouse: warehouse",
        "  scratch: scratch",
        "catalog:",
        "  kind: jdbc",
        "  jdbc:",
        "    url: " + catalogUrl,
        "    user: " + user,
        "sample:",
        "  date: " + DEMO_DATE,
        "  sessions: 1",
        "  clips: 1",
        "  session_minutes: 0.2",
        "spark:",
        "  spark.master: local[2]",
        "  spark.sql.shuffle.partitions: 2",
        "  spark.databricks.delta.snapshotPartitions: 2",
        ""));
    catalogUrls.put(file, catalogUrl);
    return file;
  }

  /** The catalog database URL that {@link #writeConfig} wrote into {@code configFile}. */
  private String catalogUrl(Path configFile) {
    return catalogUrls.get(configFile);
  }

  private Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  private static Set<String> tablesOf(Connection c) throws SQLException {
    Set<String> names = new TreeSet<>();
    try (ResultSet r = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
      while (r.next()) {
        names.add(r.getString("TABLE_NAME"));
      }
    }
    return names;
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines[lines.length - 1];
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
