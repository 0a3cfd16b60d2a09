package ai.curate.jobs.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float4Vector;
import org.apache.arrow.vector.IntVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.complex.FixedSizeListVector;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.message.ArrowBlock;
import org.apache.arrow.vector.types.pojo.Schema;

/** Reads generated Arrow IPC files back with Arrow's own file reader, into plain arrays for assertions. */
public final class ArrowFiles {
  /** A whole file: its schema, timestamps (first int64 column) and each FixedSizeList column as [row][element]. */
  public record Table(Schema schema, int batches, long[] ts, Map<String, float[][]> lists, Map<String, int[]> ints) {
    public int rows() {
      return ts.length;
    }
  }

  private ArrowFiles() {}

  public static Table read(Path file) {
    try (BufferAllocator allocator = new RootAllocator();
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        ArrowFileReader reader = new ArrowFileReader(channel, allocator)) {
      VectorSchemaRoot root = reader.getVectorSchemaRoot();
      Schema schema = root.getSchema();
      List<Long> ts = new ArrayList<>();
      Map<String, List<float[]>> lists = new LinkedHashMap<>();
      Map<String, List<Integer>> ints = new LinkedHashMap<>();
      List<ArrowBlock> blocks = reader.getRecordBlocks();
      for (ArrowBlock block : blocks) {
        reader.loadRecordBatch(block);
        int n = root.getRowCount();
        for (FieldVector v : root.getFieldVectors()) {
          String name = v.getField().getName();
          if (v instanceof BigIntVector b) {
            for (int i = 0; i < n; i++) {
              ts.add(b.get(i));
            }
          } else if (v instanceof IntVector iv) {
            List<Integer> dst = ints.computeIfAbsent(name, k -> new ArrayList<>());
            for (int i = 0; i < n; i++) {
              dst.add(iv.get(i));
            }
          } else if (v instanceof FixedSizeListVector l) {
            int w = l.getListSize();
            Float4Vector values = (Float4Vector) l.getDataVector();
            List<float[]> dst = lists.computeIfAbsent(name, k -> new ArrayList<>());
            for (int i = 0; i < n; i++) {
              float[] row = new float[w];
              for (int k = 0; k < w; k++) {
                row[k] = values.get(i * w + k);
              }
              dst.add(row);
            }
          }
        }
      }
      Map<String, float[][]> listArrays = new LinkedHashMap<>();
      lists.forEach((k, v) -> listArrays.put(k, v.toArray(new float[0][])));
      Map<String, int[]> intArrays = new LinkedHashMap<>();
      ints.forEach((k, v) -> intArrays.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
      return new Table(schema, blocks.size(), ts.stream().mapToLong(Long::longValue).toArray(), listArrays, intArrays);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
