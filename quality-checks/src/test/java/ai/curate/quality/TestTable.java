package ai.curate.quality;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/** Small in-memory tables for tests: declare columns, add rows, get a Dataset (or the rows, for pure tests). */
public final class TestTable {
  public static final DataType FLOATS = DataTypes.createArrayType(DataTypes.FloatType, true);
  public static final DataType KEYPOINTS = DataTypes.createArrayType(FLOATS, true);
  public static final DataType COUNTS = DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType);

  private StructType schema = new StructType();
  private final List<Row> rows = new ArrayList<>();

  public TestTable column(String name, DataType type) {
    schema = schema.add(name, type, true);
    return this;
  }

  public TestTable row(Object... values) {
    if (values.length != schema.size()) {
      throw new IllegalArgumentException("row has " + values.length + " values for " + schema.size() + " columns");
    }
    rows.add(RowFactory.create(values));
    return this;
  }

  public StructType schema() {
    return schema;
  }

  public List<Row> rows() {
    return rows;
  }

  /** The robot and session of an episode table that names neither (see {@link #toDataset}). */
  public static final String ROBOT = "robot-1";
  public static final String SESSION = "session-1";

  /** The dataset of a clip table that names none. */
  public static final String DATASET = "dataset-1";

  /**
   * The rows as a Dataset. Entities are identified by (robot_id, session_id, episode_id) and (dataset, clip_id); a
   * table with {@code episode_id} but no robot_id / session_id (one with {@code clip_id} but no dataset) is taken to
   * be of one session ({@link #ROBOT}, {@link #SESSION}; one dataset, {@link #DATASET}) and gets those columns last,
   * so tests about one session need not spell its identity out.
   */
  public Dataset<Row> toDataset(SparkSession spark) {
    Dataset<Row> out = spark.createDataFrame(rows, schema);
    List<String> names = List.of(schema.fieldNames());
    if (names.contains("episode_id")) {
      out = constant(out, names, "robot_id", ROBOT);
      out = constant(out, names, "session_id", SESSION);
    }
    if (names.contains("clip_id")) {
      out = constant(out, names, "dataset", DATASET);
    }
    return out;
  }

  private static Dataset<Row> constant(Dataset<Row> rows, List<String> names, String column, String value) {
    return names.contains(column) ? rows : rows.withColumn(column, org.apache.spark.sql.functions.lit(value));
  }

  /** A float array from doubles (the silver tables store array<float>). */
  public static float[] floats(double... values) {
    float[] f = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      f[i] = (float) values[i];
    }
    return f;
  }

  /** {@code n} copies of {@code value}. */
  public static float[] filled(int n, double value) {
    float[] f = new float[n];
    java.util.Arrays.fill(f, (float) value);
    return f;
  }
}
