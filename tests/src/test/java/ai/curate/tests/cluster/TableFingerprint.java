package ai.curate.tests.cluster;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_entries;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.xxhash64;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What two runs must agree on for one table: its row count, the schema of its content columns, and
 * order-independent checksums of its content, over the whole row and per column (so a difference names the column).
 *
 * <p>Content columns are all but run metadata ({@code run_id} and names ending in {@code _at}, at any nesting
 * depth; docs/tables.md). A checksum is the exact (decimal) sum over rows of a 64-bit hash of the row's content, so it
 * does not depend on row order or partitioning but does count duplicates. Map values are hashed as their entries
 * sorted by key (a map's entry order is not part of its value). Computed by Spark in one aggregation: nothing but
 * the sums reaches the driver.
 */
record TableFingerprint(long rows, String contentSchema, String rowChecksum, Map<String, String> columnChecksums) {

  static boolean isRunMetadata(String column) {
    return column.equals("run_id") || column.endsWith("_at");
  }

  static TableFingerprint of(Dataset<Row> table) {
    List<String> columns = new ArrayList<>();
    List<Column> content = new ArrayList<>();
    StructType contentSchema = new StructType();
    for (StructField f : table.schema().fields()) {
      if (isRunMetadata(f.name())) {
        continue;
      }
      columns.add(f.name());
      content.add(normalise(col("`" + f.name() + "`"), f.dataType()).as(f.name()));
      contentSchema = contentSchema.add(f.name(), withoutRunMetadata(f.dataType()), f.nullable());
    }
    Dataset<Row> normalised = table.select(content.toArray(new Column[0]));
    List<Column> aggregates = new ArrayList<>();
    Column[] all = columns.stream().map(c -> col("`" + c + "`")).toArray(Column[]::new);
    aggregates.add(count(lit(1)));
    if (all.length == 0) {
      aggregates.add(lit("0"));
    } else {
      // Two independent hashes of the whole row: a collision of both is not a practical concern.
      aggregates.add(sum(xxhash64(all).cast("decimal(38,0)")).cast("string"));
      aggregates.add(sum(hash(all).cast("decimal(38,0)")).cast("string"));
    }
    for (Column c : all) {
      aggregates.add(sum(xxhash64(c).cast("decimal(38,0)")).cast("string"));
    }
    Row r = normalised.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0])).first();
    long rows = r.getLong(0);
    String rowChecksum = all.length == 0 ? "0" : nullToZero(r.getString(1)) + "/" + nullToZero(r.getString(2));
    Map<String, String> perColumn = new LinkedHashMap<>();
    int offset = all.length == 0 ? 2 : 3;
    for (int i = 0; i < columns.size(); i++) {
      perColumn.put(columns.get(i), nullToZero(r.getString(offset + i)));
    }
    return new TableFingerprint(rows, contentSchema.catalogString(), rowChecksum, perColumn);
  }

  /**
   * The fingerprint of every Delta table under {@code warehouse} ({@code layer/name -> fingerprint}), read by path
   * ({@code <warehouse>/<layer>/<table>}, docs/tables.md), so no catalog is needed.
   */
  static Map<String, TableFingerprint> ofWarehouse(Path warehouse) throws IOException {
    List<Path> tables = new ArrayList<>();
    for (String layer : List.of("bronze", "silver", "gold")) {
      Path dir = warehouse.resolve(layer);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> list = Files.list(dir)) {
          list.filter(t -> Files.isDirectory(t.resolve("_delta_log"))).forEach(tables::add);
        }
      }
    }
    return withReader(spark -> {
      Map<String, TableFingerprint> out = new TreeMap<>();
      for (Path t : tables) {
        String key = t.getParent().getFileName() + "/" + t.getFileName();
        out.put(key, of(spark.read().format("delta").load(t.toString())));
      }
      return out;
    });
  }

  /**
   * A short-lived local session for reading tables; stopped afterwards, because the callers' runs each own and stop
   * their own context.
   */
  static <T> T withReader(Function<SparkSession, T> body) {
    SparkSession spark = SparkSession.builder()
        .master("local[2]")
        .appName("fingerprint-reader")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.catalogImplementation", "in-memory")
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.databricks.delta.snapshotPartitions", "2")
        .getOrCreate();
    try {
      return body.apply(spark);
    } finally {
      spark.stop();
      SparkSession.clearActiveSession();
      SparkSession.clearDefaultSession();
    }
  }

  /** The columns whose checksums differ from {@code other}'s (all of them when the schemas differ). */
  List<String> differingColumns(TableFingerprint other) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, String> e : columnChecksums.entrySet()) {
      if (!e.getValue().equals(other.columnChecksums.get(e.getKey()))) {
        out.add(e.getKey());
      }
    }
    for (String c : other.columnChecksums.keySet()) {
      if (!columnChecksums.containsKey(c)) {
        out.add(c);
      }
    }
    return out;
  }

  private static String nullToZero(String s) {
    return s == null ? "0" : s; // sum over an empty table
  }

  /** The value as a hashable, order-canonical expression: maps become key-sorted entry arrays, metadata dropped. */
  static Column normalise(Column c, DataType type) {
    if (!needsNormalising(type)) {
      return c;
    }
    if (type instanceof StructType s) {
      List<Column> fields = new ArrayList<>();
      for (StructField f : s.fields()) {
        if (!isRunMetadata(f.name())) {
          fields.add(normalise(c.getField(f.name()), f.dataType()).as(f.name()));
        }
      }
      return when(c.isNull(), lit(null)).otherwise(struct(fields.toArray(new Column[0])));
    }
    if (type instanceof ArrayType a) {
      return transform(c, x -> normalise(x, a.elementType()));
    }
    if (type instanceof MapType m) {
      return array_sort(transform(map_entries(c), e -> struct(
          normalise(e.getField("key"), m.keyType()).as("key"),
          normalise(e.getField("value"), m.valueType()).as("value"))));
    }
    return c;
  }

  private static boolean needsNormalising(DataType type) {
    if (type instanceof MapType) {
      return true;
    }
    if (type instanceof ArrayType a) {
      return needsNormalising(a.elementType());
    }
    if (type instanceof StructType s) {
      for (StructField f : s.fields()) {
        if (isRunMetadata(f.name()) || needsNormalising(f.dataType())) {
          return true;
        }
      }
    }
    return false;
  }

  private static DataType withoutRunMetadata(DataType type) {
    if (type instanceof StructType s) {
      StructType out = new StructType();
      for (StructField f : s.fields()) {
        if (!isRunMetadata(f.name())) {
          out = out.add(f.name(), withoutRunMetadata(f.dataType()), f.nullable());
        }
      }
      return out;
    }
    if (type instanceof ArrayType a) {
      return new ArrayType(withoutRunMetadata(a.elementType()), a.containsNull());
    }
    if (type instanceof MapType m) {
      return new MapType(withoutRunMetadata(m.keyType()), withoutRunMetadata(m.valueType()), m.valueContainsNull());
    }
    return type;
  }
}
