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
  void aStreamRowPastTheTimeBoundsIsLeftOutAndCountedInTheLedger() throws Exception {
    Path bundle = DamagedBundles.copyClean(temp.resolve("raw"));
    Path file = bundle.resolve("streams/wrench_left.arrow");
    long[] ts = ArrowFiles.read(file).ts();
    // Long.MAX - 1 plus a legal one-second offset would wrap to a negative time downstream.
    damageTimestamp(file, ts, ts.length / 2, Long.MAX_VALUE - 1);

    assertTimeInvalidRowLeftOut(bundle, "wrench_left", StreamKind.WRENCH, ts.length, Long.MAX_VALUE - 1);
  }

  @Test
  void aCameraFrameBeforeTheEpochIsLeftOutAndCountedInTheLedger() throws Exception {
    Path bundle = DamagedBundles.copyClean(temp.resolve("raw"));
    StreamSlice first = DamagedBundles.plan(bundle, temp.resolve("scratch")).slices().stream()
        .filter(s -> s.kind() == StreamKind.CAMERA_FRAMES).findFirst().orElseThrow();
    Path file = bundle.resolve(first.relativeFile());
    long[] ts = ArrowFiles.read(file).ts();
    damageTimestamp(file, ts, 2, -1);

    assertTimeInvalidRowLeftOut(bundle, first.stream(), StreamKind.CAMERA_FRAMES, ts.length, -1);
  }

  /**
   * Reads every slice of the stream: one row fewer than the file, no row with the bad time, one ledger entry that
   * counts it, and the neighbours of the left-out row unflagged (it is nobody's previous row).
   */
  private void assertTimeInvalidRowLeftOut(Path bundle, String stream, StreamKind kind, int fileRows, long bad) {
    List<IngestError> errors = new ArrayList<>();
    int tsField = FleetSchemas.stream(kind).fieldIndex(kind.tsColumn);
    int duplicate = FleetSchemas.stream(kind).fieldIndex("duplicate_ts");
    int outOfOrder = FleetSchemas.stream(kind).fieldIndex("out_of_order");
    int rows = 0;
    int flagged = 0;
    List<Long> times = new ArrayList<>();
    for (StreamSlice s : slices(bundle, stream)) {
      try (SliceReader r = new SliceReader(s, 0, SliceReader.memoryLimit(64L << 20), new Configuration(),
          errors::add)) {
        while (r.hasNext()) {
          InternalRow row = r.next();
          rows++;
          times.add(row.getLong(tsField));
          flagged += row.getBoolean(duplicate) || row.getBoolean(outOfOrder) ? 1 : 0;
        }
      }
    }
    assertThat(rows).isEqualTo(fileRows - 1);
    assertThat(times).doesNotContain(bad).allMatch(TimeBounds::isTimestamp);
    assertThat(flagged).isZero();
    assertThat(errors).hasSize(1);
    IngestError e = errors.get(0);
    assertThat(e.errorKind()).isEqualTo(FleetIngestErrors.SAMPLE_TIME_INVALID);
    assertThat(e.stream()).isEqualTo(stream);
    assertThat(e.message()).contains("1 row of record batches").contains(kind.tsColumn + " = " + bad)
        .contains("not ingested");
  }

  /** Overwrites row {@code index}'s timestamp in place; its 8 bytes must occur once in the file. */
  private static void damageTimestamp(Path file, long[] ts, int index, long value) throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    byte[] pattern = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(ts[index]).array();
    int at = -1;
    for (int k = 0; k + 8 <= bytes.length; k++) {
      if (java.util.Arrays.equals(bytes, k, k + 8, pattern, 0, 8)) {
        assertThat(at).as("timestamp %d occurs once in %s", ts[index], file).isEqualTo(-1);
        at = k;
      }
    }
    assertThat(at).as("timestamp %d in %s", ts[index], file).isNotNegative();
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(at, value);
    Files.write(file, bytes);
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
