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

  public Dataset<Row> toDataset(SparkSession spark) {
    return spark.createDataFrame(rows, schema);
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
