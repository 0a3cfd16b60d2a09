package ai.curate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.holdenkarau.spark.testing.JavaDatasetSuiteBase;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.JavaConverters;

/**
 * JUnit 5 base for every Spark test in the project: one local SparkSession per JVM, shared by all test
 * classes (starting Spark costs seconds; surefire runs a module's classes in one reused fork).
 *
 * <p>Session: {@code local[2]}, {@code spark.sql.shuffle.partitions=2}, UI off, in-memory catalog (no Hive),
 * Delta Lake extensions and catalog on, UTC session time zone, warehouse in a per-JVM temporary directory.
 *
 * <p>Built on spark-testing-base's {@link JavaDatasetSuiteBase} so subclasses get its Dataset/DataFrame
 * equality assertions ({@code assertDataFrameEquals}, {@code assertDatasetEquals}, ...). That library is written
 * for JUnit 4: its {@code @Before}/{@code @AfterClass} hooks are invisible to Jupiter, which is what keeps the
 * session alive for the whole JVM; {@link #startSharedSpark()} calls {@code runBefore()} explicitly instead.
 * Do not create another SparkContext/SparkSession.builder() in tests: one JVM can hold only one SparkContext.
 *
 * <p>Helpers in the spirit of Apache Iceberg's {@code TestBase}: {@link #sql(String, Object...)} returning rows
 * as {@code Object[]}, {@link #row(Object...)}, {@link #assertRows(String, List, List)} and a per-test temporary
 * directory {@link #temp}.
 */
public abstract class SparkTestBase extends JavaDatasetSuiteBase {

  /** One warehouse per JVM: the catalog is in memory, so it only needs to outlive the session. */
  private static final String WAREHOUSE = createWarehouseDir();

  /** A fresh empty directory for each test method (JUnit deletes it afterwards). */
  @TempDir
  protected Path temp;

  @BeforeEach
  public final void startSharedSpark() {
    // runBefore() checks and sets JVM-wide static state; serialise in case a build enables parallel tests.
    synchronized (SparkTestBase.class) {
      runBefore();
    }
  }

  /** The Spark settings of the shared session. Static SQL settings must be here: they are fixed at start-up. */
  @Override
  public SparkConf conf() {
    return new SparkConf()
        .setMaster("local[2]")
        .setAppName("curate-tests")
        .set("spark.driver.host", "localhost")
        .set("spark.ui.enabled", "false")
        .set("spark.sql.shuffle.partitions", "2")
        .set("spark.default.parallelism", "2")
        .set("spark.sql.catalogImplementation", "in-memory")
        .set("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .set("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .set("spark.sql.warehouse.dir", WAREHOUSE)
        .set("spark.sql.session.timeZone", "UTC")
        // Delta's defaults (50 partitions for snapshot state) make small test tables slow.
        .set("spark.databricks.delta.snapshotPartitions", "2");
  }

  @Override
  public boolean enableHiveSupport() {
    return false;
  }

  /** spark-testing-base would otherwise put a new temporary warehouse into the session builder. */
  @Override
  public String localWarehousePath() {
    return WAREHOUSE;
  }

  /** The warehouse directory of the shared session (spark.sql.warehouse.dir). */
  protected static String warehouse() {
    return WAREHOUSE;
  }

  /**
   * Runs a SQL statement, formatting {@code query} with {@code args} via {@link String#format}, and returns all
   * result rows as plain Java values: nested rows become {@code Object[]}, arrays {@code List}, maps {@code Map}.
   */
  protected List<Object[]> sql(String query, Object... args) {
    String statement = args.length == 0 ? query : String.format(query, args);
    List<Row> rows = spark().sql(statement).collectAsList();
    return rowsToJava(rows);
  }

  /** Converts collected rows like {@link #sql(String, Object...)} does. */
  protected static List<Object[]> rowsToJava(List<Row> rows) {
    List<Object[]> result = new ArrayList<>(rows.size());
    for (Row row : rows) {
      result.add(toJava(row));
    }
    return result;
  }

  /** An expected row for {@link #assertRows(String, List, List)}. */
  protected static Object[] row(Object... values) {
    return values;
  }

  /** Expected rows; avoids {@code List.of(row(..))} binding a single row's array as the varargs array. */
  protected static List<Object[]> rows(Object[]... rows) {
    return Arrays.asList(rows);
  }

  /** Asserts two row lists are equal in order, comparing arrays and nested values element by element. */
  protected static void assertRows(String context, List<Object[]> expected, List<Object[]> actual) {
    assertThat(actual).as("%s: number of rows", context).hasSize(expected.size());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.get(i))
          .as("%s: row %d, actual %s", context, i, Arrays.deepToString(actual.get(i)))
          .isEqualTo(expected.get(i));
    }
  }

  private static Object[] toJava(Row row) {
    Object[] values = new Object[row.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = toJava(row.get(i));
    }
    return values;
  }

  private static Object toJava(Object value) {
    if (value instanceof Row) {
      return toJava((Row) value);
    }
    if (value instanceof scala.collection.Seq) {
      List<Object> list = new ArrayList<>();
      for (Object element : JavaConverters.seqAsJavaList((scala.collection.Seq<?>) value)) {
        list.add(toJava(element));
      }
      return list;
    }
    if (value instanceof scala.collection.Map) {
      Map<Object, Object> map = new LinkedHashMap<>();
      JavaConverters.mapAsJavaMap((scala.collection.Map<?, ?>) value)
          .forEach((k, v) -> map.put(toJava(k), toJava(v)));
      return map;
    }
    return value;
  }

  /** The shared session (same as {@code spark()}), for code that prefers a static handle. */
  protected static SparkSession session() {
    return SparkSession.active();
  }

  private static void deleteRecursively(Path root) {
    try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
      paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
    } catch (IOException | UncheckedIOException e) {
      // Best effort at JVM exit: a leftover directory under java.io.tmpdir is harmless.
    }
  }

  private static String createWarehouseDir() {
    try {
      Path dir = Files.createTempDirectory("curate-test-warehouse-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir), "delete-test-warehouse"));
      return dir.toFile().getCanonicalPath();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create a temporary Spark warehouse directory; check that java.io.tmpdir is writable", e);
    }
  }
}
