package ai.curate.transforms.align;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;
import org.junit.jupiter.api.Test;

/**
 * The partition merge without Spark: internal event rows in the layout of {@link Alignment#events}, sorted as the
 * transform sorts them. Hash collisions of the group key are too rare to provoke through Spark, so they are made
 * here by giving two groups the same key.
 */
class MergePartitionsTest {
  private static final long MS = 1_000_000L;
  private final AlignmentConfig config = AlignmentConfig.builder()
      .stream("joints", StreamPolicy.linear(20 * MS)).stream("cmd", StreamPolicy.previous(50 * MS)).build();

  private static InternalRow sample(String episode, String stream, int streamIndex, long ts, long seq, float value,
      long key) {
    return new GenericInternalRow(new Object[] {UTF8String.fromString(episode), streamIndex, 0L, ts,
        MergePartitions.KIND_SAMPLE, seq, true, UnsafeArrayData.fromPrimitiveArray(new float[] {value, -value}), key});
  }

  private static InternalRow grid(String episode, String stream, int streamIndex, long ts, long step, long key) {
    return new GenericInternalRow(new Object[] {UTF8String.fromString(episode), streamIndex, 0L, ts,
        MergePartitions.KIND_GRID, step, true, null, key});
  }

  /** Two episodes of one stream: samples every 4 ms, grid every 10 ms, offset so that they interleave in time. */
  private List<InternalRow> events(long keyA, long keyB) {
    List<InternalRow> a = new ArrayList<>();
    List<InternalRow> b = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      a.add(sample("ep-a", "joints", 0, i * 4 * MS, i, i, keyA));
      b.add(sample("ep-b", "joints", 0, i * 4 * MS + MS, i, 100 + i, keyB));
    }
    for (int i = 0; i < 20; i++) {
      a.add(grid("ep-a", "joints", 0, i * 10 * MS + 3 * MS, i, keyA));
      b.add(grid("ep-b", "joints", 0, i * 10 * MS + 5 * MS, i, keyB));
    }
    List<InternalRow> all = new ArrayList<>(a);
    all.addAll(b);
    // The transform's order: group key, ts, kind, seq.
    all.sort(Comparator.<InternalRow>comparingLong(r -> r.getLong(MergePartitions.E_GROUP_KEY))
        .thenComparingLong(r -> r.getLong(MergePartitions.E_TS))
        .thenComparingInt(r -> r.getInt(MergePartitions.E_KIND))
        .thenComparingLong(r -> r.getLong(MergePartitions.E_SEQ)));
    return all;
  }

  private List<String> merged(List<InternalRow> events) {
    List<String> out = new ArrayList<>();
    new MergePartitions(config, true).call(events.iterator()).forEachRemaining(r -> out.add(describe(r)));
    out.sort(null);
    return out;
  }

  /** Every column; the values array (double[] before Spark converts the rows) as its elements. */
  private static String describe(Row r) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < r.length(); i++) {
      if (i != 4) {
        out.append(i == 0 ? "" : "|").append(r.get(i));
      }
    }
    if (r.get(4) instanceof double[] values) {
      out.append("|").append(java.util.Arrays.toString(values));
    }
    return out.toString();
  }

  @Test
  void groupsWhoseKeysCollideAreMergedExactlyAsSeparateGroups() {
    List<String> separate = merged(events(1L, 2L));
    List<String> colliding = merged(events(7L, 7L));

    assertThat(separate).hasSize(2 * 20 + 2); // steps of both episodes and one statistics row each
    assertThat(colliding).isEqualTo(separate);
  }

  @Test
  void linearInterpolationReadsFloatValuesStraightFromTheSortersArrays() {
    List<String> out = merged(events(1L, 2L));
    // ep-a step 1 at 13 ms lies between samples 3 (12 ms, value 3) and 4 (16 ms, value 4): 3.25 (and -3.25).
    assertThat(out).anyMatch(s -> s.startsWith("ep-a|joints|1|13000000|true|") && s.endsWith("|[3.25, -3.25]"));
  }

  @Test
  void aNullElementMakesTheSampleMissingOnBothArrayKinds() {
    UnsafeArrayData unsafe = UnsafeArrayData.fromPrimitiveArray(new float[] {1f, 2f, 3f});
    assertThat(MergePartitions.toDoubles(unsafe, true)).containsExactly(1.0, 2.0, 3.0);
    unsafe.setNullAt(1);
    assertThat(MergePartitions.toDoubles(unsafe, true)).isNull();
    assertThat(MergePartitions.toDoubles(new GenericArrayData(new Object[] {1.0, null}), false)).isNull();
    assertThat(MergePartitions.toDoubles(UnsafeArrayData.fromPrimitiveArray(new double[] {0.5, -0.25}), false))
        .containsExactly(0.5, -0.25);
    // 70 elements: the null bitmap spans two words.
    float[] wide = new float[70];
    wide[69] = 9f;
    UnsafeArrayData w = UnsafeArrayData.fromPrimitiveArray(wide);
    assertThat(MergePartitions.toDoubles(w, true)[69]).isEqualTo(9.0);
    w.setNullAt(69);
    assertThat(MergePartitions.toDoubles(w, true)).isNull();
  }
}
