package ai.curate.transforms.align;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/**
 * Offsets near the ends of a long: a sum that does not fit fails the job instead of wrapping to a time on the other
 * side of the epoch (with ANSI off, Spark's {@code +} on longs wraps silently). Ingest keeps such inputs out of
 * bronze; these tests feed them to the transform directly.
 */
class ClockOffsetsSparkTest extends SparkTestBase {

  private Dataset<Row> samples(long ts, long offset) {
    return spark().sql("SELECT * FROM VALUES ('joints', " + ts + "L, " + offset
        + "L) AS t(stream, ts_ns, clock_offset_ns)");
  }

  @Test
  void aSumPastLongMaxFailsInsteadOfWrapping() {
    spark().conf().set("spark.sql.ansi.enabled", "false");
    try {
      Dataset<Row> shifted = ClockOffsets.applyColumn(samples(Long.MAX_VALUE - 1, 1_000_000_000L));
      assertThatThrownBy(shifted::collectAsList).hasMessageContaining("does not fit")
          .hasMessageContaining(String.valueOf(Long.MAX_VALUE - 1));
      Dataset<Row> below = ClockOffsets.applyColumn(samples(Long.MIN_VALUE + 1, -1_000_000_000L));
      assertThatThrownBy(below::collectAsList).hasMessageContaining("does not fit");
    } finally {
      spark().conf().unset("spark.sql.ansi.enabled");
    }
  }

  @Test
  void aSumPastLongMaxFailsForOffsetsByStream() {
    spark().conf().set("spark.sql.ansi.enabled", "false");
    try {
      Dataset<Row> samples = spark()
          .sql("SELECT * FROM VALUES ('a', " + (Long.MAX_VALUE - 1) + "L) AS t(stream, ts_ns)");
      Dataset<Row> shifted = ClockOffsets.applyByStream(samples, Map.of("a", 1_000_000_000L));
      assertThatThrownBy(shifted::collectAsList).hasMessageContaining("does not fit");
    } finally {
      spark().conf().unset("spark.sql.ansi.enabled");
    }
  }

  @Test
  void sumsThatFitAreExactUpToLongMax() {
    List<Row> rows = ClockOffsets.applyColumn(samples(Long.MAX_VALUE - 1_000_000_000L, 1_000_000_000L))
        .collectAsList();
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).<Long>getAs("ts_ns")).isEqualTo(Long.MAX_VALUE);
    assertThat(ClockOffsets.applyColumn(samples(5, -7)).collectAsList().get(0).<Long>getAs("ts_ns")).isEqualTo(-2L);
  }

  @Test
  void aNullOffsetStillFailsWithItsOwnMessage() {
    Dataset<Row> samples = spark()
        .sql("SELECT 'joints' AS stream, 5L AS ts_ns, CAST(NULL AS BIGINT) AS clock_offset_ns");
    assertThatThrownBy(() -> ClockOffsets.applyColumn(samples).collectAsList())
        .hasMessageContaining("without a clock offset");
  }

  @Test
  void aNullTimestampStaysNull() {
    Dataset<Row> samples = spark()
        .sql("SELECT 'joints' AS stream, CAST(NULL AS BIGINT) AS ts_ns, 5L AS clock_offset_ns");
    assertThat(ClockOffsets.applyColumn(samples).collectAsList().get(0).isNullAt(1)).isTrue();
  }
}
