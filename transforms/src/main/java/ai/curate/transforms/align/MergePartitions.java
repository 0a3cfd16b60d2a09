package ai.curate.transforms.align;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.UnsafeArrayData;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.Platform;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * The Spark side of the merge: walks a partition of events ({@link EventLayout}) sorted by (sort key, tag, seq),
 * runs one {@link StreamMerger} per (episode, stream, bucket) group and lazily yields step rows and bucket
 * statistics rows. Nothing is collected: the output iterator pulls input only as far as needed.
 *
 * <p>The sort key starts with hash bits of (episode, stream, bucket), so a group's events form one contiguous run
 * in time order. Groups whose hash bits collide share a run, interleaved by time; each event is therefore routed to
 * the merger of its own group within the run (one active merger almost always), which keeps the result exact.
 *
 * <p>Input rows are Spark's internal rows (UTF8String, ArrayData): converting millions of sample arrays to
 * external rows of boxed numbers cost more than the merge itself. Output (grid rate x streams, small) uses
 * external rows. Internal rows are reused by the sorter, so nothing is kept from them except copied values.
 */
final class MergePartitions implements FlatMapFunction<Iterator<InternalRow>, Row> {

  /** Step columns first, then bucket statistics; a row is a statistics row iff step_index is null. */
  static final StructType MERGED_SCHEMA = new StructType()
      .add(AlignmentColumns.EPISODE_ID, DataTypes.StringType, false)
      .add(AlignmentColumns.STREAM, DataTypes.StringType, false)
      .add(AlignmentColumns.STEP_INDEX, DataTypes.LongType, true)
      .add(AlignmentColumns.TS_NS, DataTypes.LongType, true)
      .add(AlignmentColumns.VALUES, AlignmentColumns.VALUES_TYPE, true)
      .add(AlignmentColumns.VALID, DataTypes.BooleanType, true)
      .add(AlignmentColumns.STALENESS_NS, DataTypes.LongType, true)
      .add(AlignmentColumns.SAMPLE_COUNT, DataTypes.IntegerType, true)
      .add(AlignmentColumns.SOURCE_SEQ, DataTypes.LongType, true)
      .add("bucket", DataTypes.LongType, true)
      .add(AlignmentColumns.SAMPLES, DataTypes.LongType, true)
      .add(AlignmentColumns.MISSING_SAMPLES, DataTypes.LongType, true)
      .add(AlignmentColumns.DUPLICATE_SAMPLES, DataTypes.LongType, true)
      .add(AlignmentColumns.OUT_OF_ORDER_PAIRS, DataTypes.LongType, true)
      .add("first_seq", DataTypes.LongType, true)
      .add("last_seq", DataTypes.LongType, true);

  private final AlignmentConfig config;
  private final EventLayout layout;
  private final boolean floatValues;

  /** @param floatValues whether the event values are array<float> (else array<double>) */
  MergePartitions(AlignmentConfig config, boolean floatValues) {
    this.config = config;
    this.layout = EventLayout.of(config);
    this.floatValues = floatValues;
  }

  @Override
  public Iterator<Row> call(Iterator<InternalRow> events) {
    return new MergeIterator(events, config, layout, floatValues);
  }

  /** One (episode, stream, bucket) group of the current run and its merger. */
  private static final class Group {
    final UTF8String episodeKey;
    final int streamIndex;
    final long bucket;
    final String episodeId;
    final String stream;
    final StreamMerger merger;

    Group(UTF8String episodeKey, int streamIndex, long bucket, String stream, StreamMerger merger) {
      this.episodeKey = episodeKey;
      this.streamIndex = streamIndex;
      this.bucket = bucket;
      this.episodeId = episodeKey.toString();
      this.stream = stream;
      this.merger = merger;
    }

    boolean holds(InternalRow event, int eventStreamIndex) {
      return event.getLong(EventLayout.E_BUCKET) == bucket && eventStreamIndex == streamIndex
          && event.getUTF8String(EventLayout.E_EPISODE).equals(episodeKey);
    }
  }

  private static final class MergeIterator implements Iterator<Row> {
    private final Iterator<InternalRow> events;
    private final AlignmentConfig config;
    private final EventLayout layout;
    private final List<String> streams;
    private final boolean floatValues;
    private final ArrayDeque<Row> output = new ArrayDeque<>();
    /** The groups of the current run of equal run keys, in order of appearance (almost always one). */
    private final List<Group> run = new ArrayList<>(1);
    private long runKey;
    private boolean inputDone;

    MergeIterator(Iterator<InternalRow> events, AlignmentConfig config, EventLayout layout, boolean floatValues) {
      this.events = events;
      this.config = config;
      this.layout = layout;
      this.streams = config.streams();
      this.floatValues = floatValues;
    }

    @Override
    public boolean hasNext() {
      while (output.isEmpty() && !inputDone) {
        if (events.hasNext()) {
          consume(events.next());
        } else {
          finishRun();
          inputDone = true;
        }
      }
      return !output.isEmpty();
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return output.poll();
    }

    private void consume(InternalRow event) {
      long sortKey = event.getLong(EventLayout.E_SORT_KEY);
      long key = layout.runKey(sortKey);
      if (!run.isEmpty() && key != runKey) {
        finishRun();
      }
      runKey = key;
      int tag = event.getInt(EventLayout.E_TAG);
      Group group = groupOf(event, EventLayout.streamIndex(tag));
      StreamMerger merger = group.merger;
      long ts = layout.ts(sortKey, group.bucket);
      if (EventLayout.kind(tag) == EventLayout.KIND_GRID) {
        merger.gridPoint(ts, event.getLong(EventLayout.E_SEQ));
      } else {
        if (event.isNullAt(EventLayout.E_SEQ)) {
          throw new IllegalArgumentException("Sample of stream '" + group.stream + "' in episode '" + group.episodeId
              + "' at ts " + ts + " has no seq; seq (the sample's position in file order) is required to "
              + "order duplicates");
        }
        SampleValues values = event.isNullAt(EventLayout.E_VALUES)
            ? null
            : copyValues(event.getArray(EventLayout.E_VALUES), floatValues);
        merger.sample(ts, event.getLong(EventLayout.E_SEQ), values, EventLayout.owned(tag));
      }
    }

    private Group groupOf(InternalRow event, int streamIndex) {
      for (int i = 0; i < run.size(); i++) {
        Group g = run.get(i);
        if (g.holds(event, streamIndex)) {
          return g;
        }
      }
      // The event's strings point into a buffer the sorter reuses: keep a copy.
      UTF8String episodeKey = event.getUTF8String(EventLayout.E_EPISODE).clone();
      String stream = streams.get(streamIndex);
      long bucket = event.getLong(EventLayout.E_BUCKET);
      StreamMerger merger = new StreamMerger(episodeKey.toString(), stream, bucket, config.policy(stream),
          step -> output.add(stepRow(step)));
      Group g = new Group(episodeKey, streamIndex, bucket, stream, merger);
      run.add(g);
      return g;
    }

    private void finishRun() {
      for (Group g : run) {
        BucketStats stats = g.merger.finish();
        if (stats != null) {
          output.add(statsRow(stats));
        }
      }
      run.clear();
    }
  }

  /**
   * A sample's values copied out of the sorter's (reused) row; a null element makes the whole sample missing
   * (returns null). Float arrays stay floats and are widened only if a step uses them ({@link SampleValues}).
   */
  static SampleValues copyValues(ArrayData array, boolean floatValues) {
    int n = array.numElements();
    if (array instanceof UnsafeArrayData unsafe) {
      // The sorter's rows: one scan of the null bitmap, then one bulk copy (this runs for every sample).
      Object base = unsafe.getBaseObject();
      long offset = unsafe.getBaseOffset();
      long bitmapWords = (n + 63L) / 64;
      for (long w = 0; w < bitmapWords; w++) {
        if (Platform.getLong(base, offset + 8 + w * 8) != 0) {
          return null;
        }
      }
      long data = offset + 8 + bitmapWords * 8;
      if (floatValues) {
        float[] values = new float[n];
        Platform.copyMemory(base, data, values, Platform.FLOAT_ARRAY_OFFSET, 4L * n);
        return SampleValues.ofFloats(values);
      }
      double[] values = new double[n];
      Platform.copyMemory(base, data, values, Platform.DOUBLE_ARRAY_OFFSET, 8L * n);
      return SampleValues.ofDoubles(values);
    }
    for (int i = 0; i < n; i++) {
      if (array.isNullAt(i)) {
        return null;
      }
    }
    return floatValues ? SampleValues.ofFloats(array.toFloatArray()) : SampleValues.ofDoubles(array.toDoubleArray());
  }

  /** External (Row) array values to doubles; a null element makes the whole sample missing (returns null). */
  static double[] toDoubles(Object sparkArray) {
    if (sparkArray == null) {
      return null;
    }
    scala.collection.Seq<?> seq = (scala.collection.Seq<?>) sparkArray;
    int n = seq.length();
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      Object element = seq.apply(i);
      if (element == null) {
        return null;
      }
      values[i] = ((Number) element).doubleValue();
    }
    return values;
  }

  private static Row stepRow(AlignedStep s) {
    return RowFactory.create(s.episodeId(), s.stream(), s.stepIndex(), s.tsNs(), s.values(), s.valid(),
        s.stalenessNs(), s.sampleCount(), s.sourceSeq(), null, null, null, null, null, null, null);
  }

  private static Row statsRow(BucketStats b) {
    return RowFactory.create(b.episodeId(), b.stream(), null, null, null, null, null, null, null, b.bucket(),
        b.samples(), b.missingSamples(), b.duplicateSamples(), b.outOfOrderPairs(), b.firstSeq(), b.lastSeq());
  }
}
