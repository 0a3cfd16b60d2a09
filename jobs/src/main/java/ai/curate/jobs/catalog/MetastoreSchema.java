package ai.curate.jobs.catalog;

import ai.curate.jobs.errors.CurateErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.jdo.PersistenceManager;
import org.apache.hadoop.hive.conf.HiveConf;
import org.apache.hadoop.hive.metastore.MetaStoreSchemaInfo;
import org.apache.hadoop.hive.metastore.ObjectStore;
import org.datanucleus.api.jdo.JDOPersistenceManagerFactory;
import org.datanucleus.store.schema.SchemaAwareStoreManager;

/**
 * The Hive metastore schema (Hive's own tables: {@code DBS}, {@code TBLS}, {@code VERSION}, ...) in the database of
 * {@code catalog.kind=jdbc}. {@link #init} creates it with the metastore's own object model, as Hive's metastore
 * would on first start, then records the schema version; every Spark process afterwards verifies that version and
 * never creates tables itself (two processes creating the same table at once would fail one of them).
 */
public final class MetastoreSchema {
  /** The schema version of the Hive metastore client Spark runs (Hive 2.3.x: {@code 2.3.0}). */
  public static final String VERSION = MetaStoreSchemaInfo.getHiveSchemaVersion();

  private static final String VERSION_TABLE = "VERSION";
  /** The advisory lock key {@code catalog init} holds (any constant; "curate" in ASCII). */
  private static final long INIT_LOCK = 0x637572617465L;
  private static final Pattern MODEL_PACKAGE = Pattern.compile("<package name=\"([\\w.]+)\"");
  private static final Pattern MODEL_CLASS = Pattern.compile("<class name=\"(\\w+)\"");

  private MetastoreSchema() {}

  /** What {@link #init} found and did. */
  public record InitResult(Optional<String> versionBefore, int tablesBefore, int tablesAfter) {
    public boolean created() {
      return versionBefore.isEmpty();
    }
  }

  /** The schema version the database records, empty when it has no metastore schema (no {@code VERSION} row). */
  public static Optional<String> version(JdbcCatalog catalog) {
    try (Connection connection = catalog.connect()) {
      return version(connection);
    } catch (SQLException e) {
      throw CurateErrors.catalogUnreachable(catalog.url(), e.getMessage(), e);
    }
  }

  private static Optional<String> version(Connection connection) throws SQLException {
    if (hiveTables(connection).stream().noneMatch(VERSION_TABLE::equals)) {
      return Optional.empty();
    }
    try (PreparedStatement query = connection.prepareStatement("SELECT \"SCHEMA_VERSION\" FROM \"VERSION\"");
        ResultSet rows = query.executeQuery()) {
      return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
    }
  }

  /**
   * Fails with one line saying what to do unless the database holds the metastore schema of {@link #VERSION}: run
   * {@code curate catalog init} for an empty database; a schema of another version is not ours to change.
   */
  public static void checkReady(JdbcCatalog catalog) {
    Optional<String> found = version(catalog);
    if (found.isEmpty()) {
      throw CurateErrors.catalogNotInitialised(catalog.url());
    }
    if (!VERSION.equals(found.get())) {
      throw CurateErrors.catalogSchemaVersion(catalog.url(), found.get(), VERSION);
    }
  }

  /**
   * Creates every table of the metastore schema the database lacks and records {@link #VERSION}: on an empty
   * database the whole schema, on one of this version the tables missing (none normally), so rerunning is harmless.
   * A schema of another version is refused untouched (Hive's schematool upgrades between versions).
   */
  public static InitResult init(JdbcCatalog catalog) {
    // Two inits at once on an empty database would both record a version row, which every metastore client then
    // refuses: the second waits for the first (a session lock, released when this connection closes).
    try (Connection lock = catalog.connect();
        PreparedStatement take = lock.prepareStatement(
            "SELECT pg_advisory_lock(" + INIT_LOCK + ")")) {
      take.execute();
      return initLocked(catalog, lock);
    } catch (SQLException e) {
      throw CurateErrors.catalogUnreachable(catalog.url(), e.getMessage(), e);
    }
  }

  /** Creates the schema while {@code connection} holds the init lock; it also answers the checks before and after. */
  private static InitResult initLocked(JdbcCatalog catalog, Connection connection) throws SQLException {
    Optional<String> before = version(connection);
    if (before.isPresent() && !VERSION.equals(before.get())) {
      throw CurateErrors.catalogSchemaVersion(catalog.url(), before.get(), VERSION);
    }
    int tablesBefore = hiveTables(connection).size();
    HiveConf conf = new HiveConf();
    catalog.metastoreSettings().forEach(conf::set);
    conf.set("datanucleus.schema.autoCreateAll", "true");
    conf.set("hive.metastore.schema.verification", "false");
    // setMetaStoreSchemaVersion writes the VERSION row only when recording is on.
    conf.set("hive.metastore.schema.verification.record.version", "true");
    ObjectStore store = new ObjectStore();
    try {
      store.setConf(conf);
      PersistenceManager pm = store.getPersistenceManager();
      var storeManager = ((JDOPersistenceManagerFactory) pm.getPersistenceManagerFactory()).getNucleusContext()
          .getStoreManager();
      ((SchemaAwareStoreManager) storeManager).createSchemaForClasses(modelClasses(), new Properties());
      if (before.isEmpty()) {
        store.setMetaStoreSchemaVersion(VERSION, "curate catalog init");
      }
    } catch (org.apache.hadoop.hive.metastore.api.MetaException | RuntimeException e) {
      throw CurateErrors.catalogInitFailed(catalog.url(), e);
    } finally {
      store.shutdown();
    }
    return new InitResult(before, tablesBefore, hiveTables(connection).size());
  }

  /** The metastore's persistent classes, as its JDO metadata ({@code package.jdo} in hive-metastore) lists them. */
  static Set<String> modelClasses() {
    try (InputStream in = ObjectStore.class.getClassLoader().getResourceAsStream("package.jdo")) {
      if (in == null) {
        throw new IllegalStateException("package.jdo (hive-metastore) is not on the classpath");
      }
      String jdo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Matcher pkg = MODEL_PACKAGE.matcher(jdo);
      if (!pkg.find()) {
        throw new IllegalStateException("package.jdo names no package");
      }
      Set<String> classes = new TreeSet<>();
      Matcher cls = MODEL_CLASS.matcher(jdo);
      while (cls.find()) {
        classes.add(pkg.group(1) + "." + cls.group(1));
      }
      return classes;
    } catch (IOException e) {
      throw new IllegalStateException("package.jdo unreadable", e);
    }
  }

  /** Tables of the connection's current schema (the metastore's tables are upper-case names). */
  private static List<String> hiveTables(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    List<String> names = new ArrayList<>();
    try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), "%",
        new String[] {"TABLE"})) {
      while (tables.next()) {
        names.add(tables.getString("TABLE_NAME"));
      }
    }
    return names;
  }
}
