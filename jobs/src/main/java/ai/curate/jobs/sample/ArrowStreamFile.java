package ai.curate.jobs.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Writes one stream as an Arrow IPC file (docs/raw-formats.md): {@code ts_ns int64} plus FixedSizeList&lt;float32&gt;
 * columns. Each {@link StreamBatch} becomes one record batch, so a long session is many bounded batches that a
 * reader can fetch independently.
 */
final class ArrowStreamFile implements AutoCloseable {
  private final BufferAllocator allocator;
  private final FileChannel channel;
  private final VectorSchemaRoot root;
  private final ArrowFileWriter writer;
  private final BigIntVector tsVector;
  private final List<FixedSizeListVector> lists = new ArrayList<>();
  private final int[] widths;
  private long rowsWritten;

  ArrowStreamFile(Path file, List<String> columnNames, int[] widths) {
    this.widths = widths.clone();
    this.allocator = new RootAllocator();
    try {
      this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      allocator.close();
      throw new UncheckedIOException("cannot create " + file, e);
    }
    this.root = VectorSchemaRoot.create(schema(columnNames, widths), allocator);
    this.tsVector = (BigIntVector) root.getVector("ts_ns");
    for (String name : columnNames) {
      lists.add((FixedSizeListVector) root.getVector(name));
    }
    this.writer = new ArrowFileWriter(root, null, channel);
    try {
      writer.start();
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot write the Arrow header of " + file, e);
    }
  }

  static Schema schema(List<String> columnNames, int[] widths) {
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("ts_ns", FieldType.notNullable(new ArrowType.Int(64, true)), null));
    for (int c = 0; c < columnNames.size(); c++) {
      Field element = new Field("item",
          FieldType.notNullable(new ArrowType.FloatingPoint(FloatingPointPrecision.SINGLE)), null);
      fields.add(new Field(columnNames.get(c), FieldType.notNullable(new ArrowType.FixedSizeList(widths[c])),
          List.of(element)));
    }
    return new Schema(fields);
  }

  long rowsWritten() {
    return rowsWritten;
  }

  void write(StreamBatch batch) {
    if (batch.rows == 0) {
      return;
    }
    int n = batch.rows;
    root.allocateNew();
    for (int i = 0; i < n; i++) {
      tsVector.setSafe(i, batch.ts[i]);
    }
    for (int c = 0; c < lists.size(); c++) {
      FixedSizeListVector list = lists.get(c);
      Float4Vector values = (Float4Vector) list.getDataVector();
      int w = widths[c];
      float[] src = batch.columns[c];
      for (int i = 0; i < n * w; i++) {
        values.setSafe(i, src[i]);
      }
      for (int i = 0; i < n; i++) {
        list.setNotNull(i);
      }
      values.setValueCount(n * w);
      list.setValueCount(n);
    }
    tsVector.setValueCount(n);
    root.setRowCount(n);
    try {
      writer.writeBatch();
    } catch (IOException e) {
      throw new UncheckedIOException("writing an Arrow record batch failed", e);
    }
    rowsWritten += n;
  }

  @Override
  public void close() {
    try {
      if (writer != null) {
        writer.end();
        writer.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("finishing the Arrow file failed", e);
    } finally {
      if (root != null) {
        root.close();
      }
      allocator.close();
      try {
        channel.close();
      } catch (IOException ignored) {
        // already closed by the writer
      }
    }
  }

}
