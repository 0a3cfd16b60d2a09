package ai.curate.jobs.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.jobs.ledger.IngestError;
import ai.curate.jobs.sample.ArrowFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.catalyst.InternalRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading slices of a damaged copy of a good stream file, without Spark: flags and memory bound. */
class SliceReaderTest {
  @TempDir
  Path temp;

  @Test
  void infinitiesAreFlaggedLikeNaN() throws Exception {
    Path bundle = DamagedBundles.copyClean(temp.resolve("raw"));
    Path file = bundle.resolve("streams/wrench_left.arrow");
    float[][] force = ArrowFiles.read(file).lists().get("force");
    byte[] bytes = Files.readAllBytes(file);
    int plus = uniqueOffset(bytes, force, 3);
    int minus = uniqueOffset(bytes, force, force.length / 2);
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putFloat(plus, Float.POSITIVE_INFINITY)
        .putFloat(minus, Float.NEGATIVE_INFINITY);
    Files.write(file, bytes);

    List<IngestError> errors = new ArrayList<>();
    int flag = FleetSchemas.stream(StreamKind.WRENCH).fieldIndex("has_nan");
    int flagged = 0;
    for (StreamSlice s : slices(bundle, "wrench_left")) {
      try (SliceReader r = new SliceReader(s, 0, SliceReader.memoryLimit(64L << 20), new Configuration(),
          errors::add)) {
        while (r.hasNext()) {
          InternalRow row = r.next();
          flagged += row.getBoolean(flag) ? 1 : 0;
        }
      }
    }
    assertThat(errors).isEmpty();
    assertThat(flagged).isEqualTo(2);
  }

  @Test
  void aBatchNeedingMoreThanTheMemoryBoundIsALedgerRow() {
    Path bundle = DamagedBundles.copyClean(temp.resolve("raw"));
    List<IngestError> errors = new ArrayList<>();
    StreamSlice s = slices(bundle, "joint_state").get(0);
    try (SliceReader r = new SliceReader(s, 0, 4096, new Configuration(), errors::add)) {
      while (r.hasNext()) {
        r.next();
      }
    }
    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).errorKind()).isEqualTo("arrow_out_of_memory");
    assertThat(errors.get(0).stream()).isEqualTo("joint_state");
  }

  private List<StreamSlice> slices(Path bundle, String stream) {
    BundlePlan p = DamagedBundles.plan(bundle, temp.resolve("scratch"));
    return p.slices().stream().filter(s -> s.stream().equals(stream)).toList();
  }

  /** The byte offset of a force value at or after row {@code from} whose 4 bytes occur once in the file. */
  private static int uniqueOffset(byte[] bytes, float[][] force, int from) {
    for (int i = from; i < force.length; i++) {
      byte[] pattern = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(force[i][0]).array();
      int first = -1;
      int count = 0;
      for (int k = 0; k + 4 <= bytes.length; k++) {
        if (bytes[k] == pattern[0] && bytes[k + 1] == pattern[1] && bytes[k + 2] == pattern[2]
            && bytes[k + 3] == pattern[3]) {
          first = count++ == 0 ? k : first;
        }
      }
      if (count == 1) {
        return first;
      }
    }
    throw new AssertionError("no unique force value");
  }
}
