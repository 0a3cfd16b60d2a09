package ai.curate.jobs.fleet;

import ai.curate.jobs.ledger.IngestError;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeProjection;
import org.apache.spark.sql.execution.vectorized.ConstantColumnVector;
import org.apache.spark.sql.execution.vectorized.OnHeapColumnVector;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.vectorized.ArrowColumnVector;
import org.apache.spark.sql.vectorized.ColumnVector;
import org.apache.spark.sql.vectorized.ColumnarBatch;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Reads one {@link StreamSlice} into Spark rows. Each Arrow record batch becomes a {@link ColumnarBatch} whose
 * columns are views over the Arrow vectors (timestamps, lists) plus constant columns (date, ids) and computed flags;
 * an {@link UnsafeProjection} copies each row into Spark's binary format with primitive reads only.
 *
 * <p>Row-level defects are flagged, never dropped: {@code has_nan} (a NaN or an infinity in any list), {@code duplicate_ts} (same
 * timestamp as the previous row in file order) and {@code out_of_order} (earlier than the previous row). The
 * previous row of a slice's first row is the last row of the batch before the slice. A batch that cannot be read ends
 * the slice: what was read stays, the failure goes to {@code onError}.
 *
 * <p>A row whose timestamp lies outside {@link TimeBounds} is the one row-level defect that is not flagged but left
 * out: such a row has no place in time, and keeping it would break the promise that no timestamp plus clock offset
 * in bronze can overflow. The slice reports those rows in one {@code sample_time_invalid} ledger entry with their
 * count, so the file's rows are the bronze rows plus the counted ones. They are not anyone's previous row either.
 */
final class SliceReader implements Iterator<InternalRow>, AutoCloseable {
  private final StreamSlice slice;
  private final int captureDays;
  private final Consumer<IngestError> onError;
  private final UnsafeProjection projection;
  private final UTF8String robotId;
  private final UTF8String sessionId;
  private final UTF8String stream;

  private BufferAllocator allocator;
  private ArrowFileReader reader;
  private VectorSchemaRoot root;
  private List<ArrowBlock> blocks;
  private int nextBlock;
  private ColumnarBatch batch;
  private int row;
  private int rows;
  private long previousTs;
  private boolean hasPrevious;
  private boolean finished;
  private OnHeapColumnVector batchRow;
  private int capacity;
  private OnHeapColumnVector hasNan;
  private OnHeapColumnVector duplicate;
  private OnHeapColumnVector outOfOrder;
  /** Rows of the current batch left out for a timestamp outside {@link TimeBounds}. */
  private boolean[] timeInvalid;
  private long timeInvalidRows;
  private int firstTimeInvalidBatch;
  private int firstTimeInvalidRow;
  private long firstTimeInvalidTs;

  /**
   * Arrow memory one reader may allocate: {@link #MEMORY_PER_SLICE_BYTES} times the slice size (a slice's record
   * batches are read one at a time; a batch is at most about one slice, plus the footer and the batch before the
   * slice), at least {@link #MIN_MEMORY_BYTES}. A file whose batches need more is a ledger row
   * ({@code arrow_out_of_memory}), not an executor out of memory. A constant until the ingest settings grow a key.
   */
  static final int MEMORY_PER_SLICE_BYTES = 4;
  static final long MIN_MEMORY_BYTES = 64L << 20;

  static long memoryLimit(long sliceBytes) {
    long limit = sliceBytes > Long.MAX_VALUE / MEMORY_PER_SLICE_BYTES
        ? Long.MAX_VALUE
        : sliceBytes * MEMORY_PER_SLICE_BYTES;
    return Math.max(MIN_MEMORY_BYTES, limit);
  }

  SliceReader(StreamSlice slice, int captureDays, long memoryLimit, Configuration conf,
      Consumer<IngestError> onError) {
    this.slice = slice;
    this.captureDays = captureDays;
    this.onError = onError;
    StructType schema = FleetSchemas.stream(slice.kind());
    this.projection = UnsafeProjection.create(schema);
    this.robotId = UTF8String.fromString(slice.robotId());
    this.sessionId = UTF8String.fromString(slice.sessionId());
    this.stream = UTF8String.fromString(slice.stream());
    this.nextBlock = slice.firstBlock();
    try {
      Path path = new Path(slice.file());
      FileSystem fs = path.getFileSystem(conf);
      SeekableByteChannel channel = BundleFiles.open(fs, path, slice.fileSize());
      allocator = new RootAllocator(memoryLimit);
      reader = new ArrowFileReader(channel, allocator);
      root = reader.getVectorSchemaRoot();
      blocks = reader.getRecordBlocks();
      if (slice.endBlock() > blocks.size()) {
        throw new IOException("the file has " + blocks.size() + " record batches now, the slice expects "
            + slice.endBlock() + ": it changed while being ingested");
      }
      readPreviousTimestamp();
    } catch (IOException | RuntimeException e) {
      fail(slice.firstBlock(), e);
    }
  }

  @Override
  public boolean hasNext() {
    while (!finished) {
      if (row >= rows) {
        loadNextBatch();
      } else if (timeInvalid[row]) {
        row++;
      } else {
        break;
      }
    }
    return !finished;
  }

  @Override
  public InternalRow next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    // The projection reuses its output row; the consumer may hold rows, so each one is copied.
    return projection.apply(batch.getRow(row++)).copy();
  }

  private void loadNextBatch() {
    if (nextBlock >= slice.endBlock()) {
      close();
      return;
    }
    int index = nextBlock++;
    try {
      reader.loadRecordBatch(blocks.get(index));
      rows = root.getRowCount();
      row = 0;
      batch = new ColumnarBatch(columns(index), rows);
    } catch (IOException | RuntimeException e) {
      fail(index, e);
    }
  }

  private ColumnVector[] columns(int batchIndex) {
    ensureCapacity(rows);
    List<ColumnVector> c = new ArrayList<>();
    c.add(constantInt(captureDays, DataTypes.DateType));
    c.add(constantString(robotId));
    c.add(constantString(sessionId));
    c.add(constantString(stream));
    BigIntVector ts = (BigIntVector) root.getVector(slice.kind().tsColumn);
    if (slice.kind() == StreamKind.CAMERA_FRAMES) {
      c.add(new ArrowColumnVector(root.getVector("frame_index")));
    }
    c.add(new ArrowColumnVector(ts));
    ConstantColumnVector offset = new ConstantColumnVector(rows, DataTypes.LongType);
    offset.setLong(slice.clockOffsetNs());
    c.add(offset);
    c.add(constantInt(batchIndex, DataTypes.IntegerType));
    c.add(batchRow);
    List<FixedSizeListVector> lists = new ArrayList<>();
    for (String name : slice.kind().listColumns) {
      FixedSizeListVector v = (FixedSizeListVector) root.getVector(name);
      lists.add(v);
      c.add(new FixedSizeListColumnVector(v));
    }
    for (int i = 0; i < rows; i++) {
      batchRow.putInt(i, i);
      boolean dup = false;
      boolean back = false;
      timeInvalid[i] = false;
      if (!ts.isNull(i) && !TimeBounds.isTimestamp(ts.get(i))) {
        timeInvalid[i] = true;
        if (timeInvalidRows++ == 0) {
          firstTimeInvalidBatch = batchIndex;
          firstTimeInvalidRow = i;
          firstTimeInvalidTs = ts.get(i);
        }
      } else if (!ts.isNull(i)) {
        long t = ts.get(i);
        dup = hasPrevious && t == previousTs;
        back = hasPrevious && t < previousTs;
        previousTs = t;
        hasPrevious = true;
      }
      duplicate.putBoolean(i, dup);
      outOfOrder.putBoolean(i, back);
      hasNan.putBoolean(i, false);
    }
    if (slice.kind() != StreamKind.CAMERA_FRAMES) {
      for (FixedSizeListVector v : lists) {
        markNaN(v);
      }
      c.add(hasNan);
    }
    c.add(duplicate);
    c.add(outOfOrder);
    return c.toArray(new ColumnVector[0]);
  }

  /** Scans the float buffer directly: no per-value null check or boxing. NaN and +-Infinity are both flagged. */
  private void markNaN(FixedSizeListVector v) {
    int w = v.getListSize();
    ArrowBuf data = v.getDataVector().getDataBuffer();
    for (int i = 0; i < rows; i++) {
      long base = (long) i * w * 4;
      for (int k = 0; k < w; k++) {
        if (!Float.isFinite(data.getFloat(base + 4L * k))) {
          hasNan.putBoolean(i, true);
          break;
        }
      }
    }
  }

  /** The last timestamp before the slice, so the flags of its first row compare with the right neighbour. */
  private void readPreviousTimestamp() {
    if (slice.firstBlock() == 0) {
      return;
    }
    try {
      reader.loadRecordBatch(blocks.get(slice.firstBlock() - 1));
      BigIntVector ts = (BigIntVector) root.getVector(slice.kind().tsColumn);
      for (int i = root.getRowCount() - 1; i >= 0; i--) {
        if (!ts.isNull(i) && TimeBounds.isTimestamp(ts.get(i))) {
          previousTs = ts.get(i);
          hasPrevious = true;
          return;
        }
      }
    } catch (IOException | RuntimeException e) {
      // That batch belongs to the previous slice, which reports it; this slice starts without a neighbour.
      hasPrevious = false;
    }
  }

  private void ensureCapacity(int n) {
    if (batchRow == null || capacity < n) {
      closeVectors();
      capacity = Math.max(n, 1024);
      batchRow = new OnHeapColumnVector(capacity, DataTypes.IntegerType);
      hasNan = new OnHeapColumnVector(capacity, DataTypes.BooleanType);
      duplicate = new OnHeapColumnVector(capacity, DataTypes.BooleanType);
      outOfOrder = new OnHeapColumnVector(capacity, DataTypes.BooleanType);
      timeInvalid = new boolean[capacity];
    }
  }

  private ConstantColumnVector constantString(UTF8String value) {
    ConstantColumnVector v = new ConstantColumnVector(rows, DataTypes.StringType);
    v.setUtf8String(value);
    return v;
  }

  private ConstantColumnVector constantInt(int value, org.apache.spark.sql.types.DataType type) {
    ConstantColumnVector v = new ConstantColumnVector(rows, type);
    v.setInt(value);
    return v;
  }

  private void fail(int block, Throwable e) {
    onError.accept(FleetIngestErrors.sliceFailed(slice, block, e));
    close();
  }

  @Override
  public void close() {
    if (finished) {
      return;
    }
    finished = true;
    rows = 0;
    row = 0;
    if (timeInvalidRows > 0) {
      onError.accept(FleetIngestErrors.sampleTimeInvalid(slice, timeInvalidRows, firstTimeInvalidBatch,
          firstTimeInvalidRow, firstTimeInvalidTs));
    }
    try {
      if (reader != null) {
        reader.close();
      }
    } catch (IOException | RuntimeException ignored) {
      // nothing left to read from it
    }
    if (allocator != null) {
      allocator.close();
    }
    closeVectors();
  }

  private void closeVectors() {
    for (OnHeapColumnVector v : new OnHeapColumnVector[] {batchRow, hasNan, duplicate, outOfOrder}) {
      if (v != null) {
        v.close();
      }
    }
  }
}
