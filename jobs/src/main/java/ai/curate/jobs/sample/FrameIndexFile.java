package ai.curate.jobs.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** A camera's per-frame capture times (docs/raw-formats.md): {@code frame_index int32, capture_ts_ns int64}. */
final class FrameIndexFile {
  private static final int BATCH_ROWS = 1024;

  private FrameIndexFile() {}

  static Schema schema() {
    return new Schema(List.of(
        new Field("frame_index", FieldType.notNullable(new ArrowType.Int(32, true)), null),
        new Field("capture_ts_ns", FieldType.notNullable(new ArrowType.Int(64, true)), null)));
  }

  static void write(Path file, long[] captureTsNs, int frames) {
    try (BufferAllocator allocator = new RootAllocator();
        VectorSchemaRoot root = VectorSchemaRoot.create(schema(), allocator);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
        ArrowFileWriter writer = new ArrowFileWriter(root, null, channel)) {
      IntVector index = (IntVector) root.getVector("frame_index");
      BigIntVector ts = (BigIntVector) root.getVector("capture_ts_ns");
      writer.start();
      for (int from = 0; from < frames; from += BATCH_ROWS) {
        int n = Math.min(BATCH_ROWS, frames - from);
        root.allocateNew();
        for (int i = 0; i < n; i++) {
          index.setSafe(i, from + i);
          ts.setSafe(i, captureTsNs[from + i]);
        }
        index.setValueCount(n);
        ts.setValueCount(n);
        root.setRowCount(n);
        writer.writeBatch();
      }
      writer.end();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
