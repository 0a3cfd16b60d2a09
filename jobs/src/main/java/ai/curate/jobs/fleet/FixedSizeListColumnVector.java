package ai.curate.jobs.fleet;

import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Decimal;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarArray;
import org.apache.spark.sql.vectorized.ColumnarMap;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * A Spark column over an Arrow FixedSizeList&lt;float32&gt; vector. Spark's {@link ArrowColumnVector} does not
 * handle fixed-size lists (Spark 3.5); each row's array is a zero-copy view ({@link ColumnarArray}) into the Arrow
 * element vector, so values are never boxed.
 */
final class FixedSizeListColumnVector extends ColumnVector {
  private final FixedSizeListVector vector;
  private final ArrowColumnVector elements;
  private final int width;

  FixedSizeListColumnVector(FixedSizeListVector vector) {
    super(DataTypes.createArrayType(DataTypes.FloatType, true));
    this.vector = vector;
    this.elements = new ArrowColumnVector(vector.getDataVector());
    this.width = vector.getListSize();
  }

  @Override
  public ColumnarArray getArray(int rowId) {
    return new ColumnarArray(elements, rowId * width, width);
  }

  @Override
  public boolean hasNull() {
    return vector.getNullCount() > 0;
  }

  @Override
  public int numNulls() {
    return vector.getNullCount();
  }

  @Override
  public boolean isNullAt(int rowId) {
    return vector.isNull(rowId);
  }

  /** The Arrow vectors belong to the file reader, which closes them. */
  @Override
  public void close() {}

  @Override
  public boolean getBoolean(int rowId) {
    throw unsupported();
  }

  @Override
  public byte getByte(int rowId) {
    throw unsupported();
  }

  @Override
  public short getShort(int rowId) {
    throw unsupported();
  }

  @Override
  public int getInt(int rowId) {
    throw unsupported();
  }

  @Override
  public long getLong(int rowId) {
    throw unsupported();
  }

  @Override
  public float getFloat(int rowId) {
    throw unsupported();
  }

  @Override
  public double getDouble(int rowId) {
    throw unsupported();
  }

  @Override
  public ColumnarMap getMap(int ordinal) {
    throw unsupported();
  }

  @Override
  public Decimal getDecimal(int rowId, int precision, int scale) {
    throw unsupported();
  }

  @Override
  public UTF8String getUTF8String(int rowId) {
    throw unsupported();
  }

  @Override
  public byte[] getBinary(int rowId) {
    throw unsupported();
  }

  @Override
  public ColumnVector getChild(int ordinal) {
    throw unsupported();
  }

  private static UnsupportedOperationException unsupported() {
    return new UnsupportedOperationException("a fixed-size list column only has arrays");
  }
}
