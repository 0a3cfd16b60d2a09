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
 * The partition merge without Spark: internal event rows in the layout of {@link EventLayout}, sorted as the
 * transform sorts them. Collisions of the hash bits in the sort key are too rare to provoke through Spark, so they
 * are made here by giving two groups the same hash.
 */
class MergePartitionsTest {
  private static final long MS = 1_000_000L;
  private final AlignmentConfig config = AlignmentConfig.builder()
      .stream("joints", StreamPolicy.linear(20 * MS)).stream("cmd", StreamPolicy.previous(50 * MS)).build();

  private final EventLayout layout = EventLayout.of(config);

  private InternalRow sample(String episode, int streamIndex, long ts, long seq, float value, long hash) {
    return new GenericInternalRow(new Object[] {layout.sortKey(hash, 0L, ts), seq, 0L,
        EventLayout.tag(streamIndex, EventLayout.KIND_SAMPLE, true), UTF8String.fromString(episode),
        UnsafeArrayData.fromPrimitiveArray(new float[] {value, -value})});
  }

  private InternalRow grid(String episode, int streamIndex, long ts, long step, long hash) {
    return new GenericInternalRow(new Object[] {layout.sortKey(hash, 0L, ts), step, 0L,
        EventLayout.tag(streamIndex, EventLayout.KIND_GRID, true), UTF8String.fromString(episode), null});
  }

  /** Two episodes of one stream: samples every 4 ms, grid every 10 ms, offset so that they interleave in time. */
  private List<InternalRow> events(long hashA, long hashB) {
    List<InternalRow> a = new ArrayList<>();
    List<InternalRow> b = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      a.add(sample("ep-a", 0, i * 4 * MS, i, i, hashA));
      b.add(sample("ep-b", 0, i * 4 * MS + MS, i, 100 + i, hashB));
    }
    for (int i = 0; i < 20; i++) {
      a.add(grid("ep-a", 0, i * 10 * MS + 3 * MS, i, hashA));
      b.add(grid("ep-b", 0, i * 10 * MS + 5 * MS, i, hashB));
    }
    List<InternalRow> all = new ArrayList<>(a);
    all.addAll(b);
    // The transform's order: sort key (hash bits, then time), tag (samples before grid points), seq.
    all.sort(Comparator.<InternalRow>comparingLong(r -> r.getLong(EventLayout.E_SORT_KEY))
        .thenComparingInt(r -> r.getInt(EventLayout.E_TAG))
        .thenComparingLong(r -> r.getLong(EventLayout.E_SEQ)));
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
    List<String> separate = merged(events(1L << 60, 2L << 60));
    // Hashes that differ only in the bits the sort key drops collide as well.
    List<String> colliding = merged(events(7L << 60, (7L << 60) | 12345L));

    assertThat(separate).hasSize(2 * 20 + 2); // steps of both episodes and one statistics row each
    assertThat(colliding).isEqualTo(separate);
  }

  @Test
  void linearInterpolationReadsFloatValuesStraightFromTheSortersArrays() {
    List<String> out = merged(events(1L << 60, 2L << 60));
    // ep-a step 1 at 13 ms lies between samples 3 (12 ms, value 3) and 4 (16 ms, value 4): 3.25 (and -3.25).
    assertThat(out).anyMatch(s -> s.startsWith("ep-a|joints|1|13000000|true|") && s.endsWith("|[3.25, -3.25]"));
  }

  @Test
  void aNullElementMakesTheSampleMissingOnBothArrayKinds() {
    UnsafeArrayData unsafe = UnsafeArrayData.fromPrimitiveArray(new float[] {1f, 2f, 3f});
    assertThat(MergePartitions.copyValues(unsafe, true).doubles()).containsExactly(1.0, 2.0, 3.0);
    unsafe.setNullAt(1);
    assertThat(MergePartitions.copyValues(unsafe, true)).isNull();
    assertThat(MergePartitions.copyValues(new GenericArrayData(new Object[] {1f, null}), true)).isNull();
    assertThat(MergePartitions.copyValues(new GenericArrayData(new Object[] {1f, 0.5f}), true).doubles())
        .containsExactly(1.0, 0.5);
    assertThat(MergePartitions.copyValues(new GenericArrayData(new Object[] {1.0, null}), false)).isNull();
    assertThat(MergePartitions.copyValues(UnsafeArrayData.fromPrimitiveArray(new double[] {0.5, -0.25}), false)
        .doubles()).containsExactly(0.5, -0.25);
    // 70 elements: the null bitmap spans two words.
    float[] wide = new float[70];
    wide[69] = 9f;
    UnsafeArrayData w = UnsafeArrayData.fromPrimitiveArray(wide);
    assertThat(MergePartitions.copyValues(w, true).doubles()[69]).isEqualTo(9.0);
    w.setNullAt(69);
    assertThat(MergePartitions.copyValues(w, true)).isNull();
  }

  @Test
  void aNonFiniteElementMakesTheSampleUnusableWithoutWideningIt() {
    assertThat(MergePartitions.copyValues(UnsafeArrayData.fromPrimitiveArray(new float[] {1f, Float.NaN}), true)
        .usable()).isFalse();
    assertThat(MergePartitions.copyValues(UnsafeArrayData.fromPrimitiveArray(new float[] {Float.NEGATIVE_INFINITY}),
        true).usable()).isFalse();
    assertThat(MergePartitions.copyValues(UnsafeArrayData.fromPrimitiveArray(new double[] {Double.NaN}), false)
        .usable()).isFalse();
    assertThat(MergePartitions.copyValues(UnsafeArrayData.fromPrimitiveArray(new float[] {Float.MAX_VALUE}), true)
        .usable()).isTrue();
  }

  @Test
  void theTimeRidesInTheSortKeyExactlyAndOrdersEventsWithinAGroup() {
    AlignmentConfig wide = AlignmentConfig.builder().stream("j", StreamPolicy.linear(20 * MS)).bucketNs(60_000 * MS)
        .build();
    EventLayout l = EventLayout.of(wide);
    assertThat(l.hashBits()).isEqualTo(28); // 60 s + 2 x 20 ms needs 36 offset bits
    long hash = 0x9E3779B97F4A7C15L;
    for (long ts : new long[] {-1, 0, 1, 59_999 * MS, 1_700_000_000_123_456_789L, -1_700_000_000_987_654_321L}) {
      long bucketNs = 60_000 * MS;
      for (long bucket = Math.floorDiv(ts - 20 * MS, bucketNs); bucket <= Math.floorDiv(ts + 20 * MS,
          bucketNs); bucket++) {
        long key = l.sortKey(hash, bucket, ts);
        assertThat(l.ts(key, bucket)).isEqualTo(ts);
        assertThat(l.runKey(key)).isEqualTo(l.runKey(l.sortKey(hash, bucket, bucket * 60_000 * MS)));
        assertThat(l.sortKey(hash, bucket, ts + 1)).isGreaterThan(key);
      }
    }
    int tag = EventLayout.tag(5, EventLayout.KIND_GRID, true);
    assertThat(EventLayout.streamIndex(tag)).isEqualTo(5);
    assertThat(EventLayout.kind(tag)).isEqualTo(EventLayout.KIND_GRID);
    assertThat(EventLayout.owned(tag)).isTrue();
    assertThat(EventLayout.tag(5, EventLayout.KIND_SAMPLE, true)).isLessThan(tag);
  }

  @Test
  void bucketsTooLongForTheSortKeyAreRejectedWithTheLimit() {
    AlignmentConfig.Builder b = AlignmentConfig.builder().stream("j", StreamPolicy.linear(20 * MS))
        .bucketNs(100L * 3600 * 1_000_000_000L);
    org.assertj.core.api.Assertions.assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("about 78 hours").hasMessageContaining("shorter bucket");
    AlignmentConfig.Builder gap = AlignmentConfig.builder().stream("j", StreamPolicy.linear(Long.MAX_VALUE / 2));
    org.assertj.core.api.Assertions.assertThatThrownBy(gap::build).isInstanceOf(IllegalArgumentException.class);
  }
}
