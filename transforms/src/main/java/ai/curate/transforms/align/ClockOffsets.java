package ai.curate.transforms.align;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.try_add;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Device clock -> robot clock, applied once and explicitly before alignment: robot ts = device ts +
 * clock_offset_ns (docs/raw-formats.md). Alignment itself never looks at offsets, so applying them twice or not at all
 * cannot hide inside it.
 *
 * <p>The sum is exact or the job fails: Spark's {@code +} on longs wraps silently when ANSI mode is off, which would
 * move a sample to the other side of the epoch and out of its episode without a trace. Fleet ingest keeps timestamps
 * in [1970, 2262) and offsets within one day (docs/raw-formats.md), so with bronze input the sum always fits (the
 * largest is 2262-01-02, below {@code Long.MAX_VALUE} at 2262-04-11) and the check never fires; it is here so the
 * transform is safe on any input, not only on input that went through ingest.
 */
public final class ClockOffsets {
  private ClockOffsets() {}

  /**
   * Adds the per-row offset column to {@code tsColumn} and drops the offset column. A null offset fails the job
   * with a message naming the stream: a missing offset is a manifest problem, not zero.
   */
  public static Dataset<Row> applyColumn(Dataset<Row> samples, String tsColumn, String offsetColumn) {
    Column offset = col(offsetColumn);
    Column checked = when(offset.isNull(), raise_error(lit("Sample of stream without a clock offset: column '"
        + offsetColumn + "' is null; every stream needs clock_offset_ns in the session manifest (0 if on the robot "
        + "clock)")).cast("long")).otherwise(offset.cast("long"));
    return samples.withColumn(tsColumn, exactSum(col(tsColumn).cast("long"), checked, tsColumn)).drop(offsetColumn);
  }

  /**
   * {@code ts + offset}, failing the job with both values if the sum does not fit a long. {@code try_add} is null on
   * overflow whatever the ANSI setting; a null timestamp stays null (its sum is null without overflowing).
   */
  static Column exactSum(Column ts, Column offset, String tsColumn) {
    Column sum = try_add(ts, offset);
    return when(sum.isNull().and(ts.isNotNull()).and(offset.isNotNull()), raise_error(concat(
        lit("Clock offset overflow: " + tsColumn + " "), ts.cast("string"), lit(" + clock offset "),
        offset.cast("string"), lit(" does not fit a 64-bit nanosecond time; ingest accepts timestamps in "
            + "[1970, 2262) and offsets within one day (docs/raw-formats.md), so this input did not come through "
            + "ingest or bronze was edited")))
        .cast("long")).otherwise(sum);
  }

  /** {@link #applyColumn} for {@code ts_ns} and {@code clock_offset_ns}. */
  public static Dataset<Row> applyColumn(Dataset<Row> samples) {
    return applyColumn(samples, AlignmentColumns.TS_NS, "clock_offset_ns");
  }

  /** Offsets given per stream name (from the manifest); streams not in the map are left unchanged. */
  public static Dataset<Row> applyByStream(Dataset<Row> samples, Map<String, Long> offsetNsByStream) {
    if (offsetNsByStream.isEmpty()) {
      return samples;
    }
    Column offset = null;
    for (Map.Entry<String, Long> e : offsetNsByStream.entrySet()) {
      Column condition = col(AlignmentColumns.STREAM).equalTo(lit(e.getKey()));
      offset = offset == null ? when(condition, lit(e.getValue())) : offset.when(condition, lit(e.getValue()));
    }
    return samples.withColumn(AlignmentColumns.TS_NS,
        exactSum(col(AlignmentColumns.TS_NS).cast("long"), offset.otherwise(lit(0L)), AlignmentColumns.TS_NS));
  }

  /** The plain Java equivalent, for tests and small tools. */
  public static List<Sample> shift(List<Sample> samples, long offsetNs) {
    List<Sample> shifted = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      shifted.add(new Sample(s.episodeId(), s.stream(), Math.addExact(s.tsNs(), offsetNs), s.seq(), s.values()));
    }
    return shifted;
  }
}
