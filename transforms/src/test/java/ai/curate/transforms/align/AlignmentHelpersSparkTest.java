package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignFixtures.ms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.testing.SparkTestBase;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Grid building, episode assignment, clock offsets and the wide pivot around the alignment core. */
class AlignmentHelpersSparkTest extends SparkTestBase {

  private Dataset<Row> episodes() {
    return spark().sql("SELECT * FROM VALUES ('s1', 'e1', 1000000000L, 2000000000L), "
        + "('s1', 'e2', 2010000000L, 2500000000L), ('s2', 'e3', 0L, 100000000L) "
        + "AS t(session_id, episode_id, start_ns, end_ns)");
  }

  @Test
  void fixedRateGridMatchesThePlainJavaFormulaAndIncludesTheEnd() {
    List<Object[]> rows = rowsToJava(AlignmentGrids.fixedRate(episodes(), 30).orderBy("episode_id", "step_index")
        .collectAsList());
    List<Long> e1 = AlignmentGrids.fixedRateTimes(1_000_000_000L, 2_000_000_000L, 30);
    assertThat(e1).hasSize(31).startsWith(1_000_000_000L, 1_033_333_333L).endsWith(2_000_000_000L);
    assertThat(rows.stream().filter(r -> r[0].equals("e1")).map(r -> (Long) r[2]).toList()).isEqualTo(e1);
    assertThat(rows.stream().filter(r -> r[0].equals("e1")).map(r -> (Long) r[1]).toList())
        .isEqualTo(java.util.stream.LongStream.range(0, 31).boxed().toList());
    assertThat(rows.stream().filter(r -> r[0].equals("e3")).count()).isEqualTo(4);

    List<Object[]> ntsc = rowsToJava(AlignmentGrids.fixedRate(episodes(), 29.97).filter("episode_id = 'e2'")
        .orderBy("step_index").collectAsList());
    assertThat(ntsc.stream().map(r -> (Long) r[2]).toList())
        .isEqualTo(AlignmentGrids.fixedRateTimes(2_010_000_000L, 2_500_000_000L, 29.97));
    assertThatThrownBy(() -> AlignmentGrids.fixedRate(episodes(), 0)).hasMessageContaining("positive");
  }

  @Test
  void frameTimeGridKeepsFramesInsideEachEpisodeNumberedInTimeOrder() {
    Dataset<Row> frames = spark().sql("SELECT * FROM VALUES ('s1', 2000000000L), ('s1', 999999999L), "
        + "('s1', 1500000000L), ('s1', 1000000000L), ('s1', 1500000000L), ('s1', 2200000000L), ('s2', 50000000L) "
        + "AS t(session_id, ts_ns)");
    List<Object[]> grid = rowsToJava(AlignmentGrids.fromFrameTimes(frames, episodes(), "session_id")
        .orderBy("episode_id", "step_index").collectAsList());
    assertRows("frame grid", rows(row("e1", 0L, 1_000_000_000L), row("e1", 1L, 1_500_000_000L),
        row("e1", 2L, 2_000_000_000L), row("e2", 0L, 2_200_000_000L), row("e3", 0L, 50_000_000L)), grid);
  }

  @Test
  void samplesGoToEveryEpisodeWithinTheMargin() {
    Dataset<Row> samples = spark().sql("SELECT * FROM VALUES ('s1', 979999999L), ('s1', 980000000L), "
        + "('s1', 2005000000L), ('s1', 2520000000L), ('s1', 2520000001L), ('s2', 5L) AS t(session_id, ts_ns)");
    List<Object[]> tagged = rowsToJava(EpisodeSamples.assign(samples, episodes(), "session_id", ms(20))
        .select("episode_id", "ts_ns").orderBy("episode_id", "ts_ns").collectAsList());
    assertRows("episode assignment", rows(row("e1", 980_000_000L), row("e1", 2_005_000_000L),
        row("e2", 2_005_000_000L), row("e2", 2_520_000_000L), row("e3", 5L)), tagged);
    assertThatThrownBy(() -> EpisodeSamples.assign(samples.withColumn("episode_id", samples.col("ts_ns")),
        episodes(), "session_id", 0)).hasMessageContaining("already have an episode_id");
  }

  @Test
  void bucketedEpisodeLookupMatchesEveryPairABruteForceFinds() {
    // Small buckets (10 ns) so that episodes span many of them, touch at bucket edges, overlap each other and reach
    // below zero; the lookup must find exactly the (sample, episode) pairs the plain range test finds.
    java.util.Random random = new java.util.Random(7);
    List<Row> episodeRows = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long start = random.nextInt(400) - 100;
      long end = start + random.nextInt(i % 5 == 0 ? 120 : 25);
      episodeRows.add(org.apache.spark.sql.RowFactory.create("s" + (i % 3), "e" + i, start, end));
    }
    episodeRows.add(org.apache.spark.sql.RowFactory.create("s0", "backwards", 50L, 20L));
    List<Row> sampleRows = new java.util.ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      sampleRows.add(org.apache.spark.sql.RowFactory.create("s" + random.nextInt(3),
          i % 97 == 0 ? null : (long) (random.nextInt(560) - 130)));
    }
    Dataset<Row> episodes = spark().createDataFrame(episodeRows, org.apache.spark.sql.types.DataTypes.createStructType(
        List.of(field("session_id", "string"), field("episode_id", "string"), field("start_ns", "long"),
            field("end_ns", "long"))));
    Dataset<Row> samples = spark().createDataFrame(sampleRows, org.apache.spark.sql.types.DataTypes.createStructType(
        List.of(field("session_id", "string"), field("ts_ns", "long"))));
    long margin = 7;

    java.util.Set<String> expected = new java.util.TreeSet<>();
    int index = 0;
    for (Row sample : sampleRows) {
      for (Row episode : episodeRows) {
        if (!sample.isNullAt(1) && sample.getString(0).equals(episode.getString(0))
            && sample.getLong(1) >= episode.getLong(2) - margin && sample.getLong(1) <= episode.getLong(3) + margin) {
          expected.add(episode.getString(1) + "@" + sample.getLong(1) + "#" + index);
        }
      }
      index++;
    }
    Dataset<Row> indexed = samples.withColumn("i", org.apache.spark.sql.functions.monotonically_increasing_id());
    java.util.Set<String> actual = new java.util.TreeSet<>();
    List<Long> ids = indexed.select("i").orderBy("i").as(org.apache.spark.sql.Encoders.LONG()).collectAsList();
    for (Row r : EpisodeSamples.assign(indexed, episodes, List.of("session_id"), margin, 10).collectAsList()) {
      actual.add(r.getAs("episode_id") + "@" + r.<Long>getAs("ts_ns") + "#" + ids.indexOf(r.<Long>getAs("i")));
    }
    assertThat(expected).hasSizeGreaterThan(500);
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void anEpisodeWithACorruptBoundCoarsensTheLookupInsteadOfListingBillionsOfBuckets() {
    // 47 years long: at 10 s buckets its list would have 1.5e8 rows on the broadcast side.
    Dataset<Row> episodes = spark().sql("SELECT * FROM VALUES ('s1', 'e1', 1000000000L, 2000000000L), "
        + "('s1', 'corrupt', 5L, 1500000000000000000L) AS t(session_id, episode_id, start_ns, end_ns)");
    Dataset<Row> samples = spark().sql("SELECT * FROM VALUES ('s1', 0L), ('s1', 1500000000L), "
        + "('s1', 1400000000000000000L), ('s2', 1500000000L) AS t(session_id, ts_ns)");
    List<Object[]> tagged = rowsToJava(EpisodeSamples.assign(samples, episodes, "session_id", ms(20))
        .select("episode_id", "ts_ns").orderBy("episode_id", "ts_ns").collectAsList());
    assertRows("episode assignment", rows(row("corrupt", 0L), row("corrupt", 1_500_000_000L),
        row("corrupt", 1_400_000_000_000_000_000L), row("e1", 1_500_000_000L)), tagged);

    assertThat(EpisodeSamples.lookupBucketNs(240L * 60 * 1_000_000_000L, ms(50)))
        .isEqualTo(EpisodeSamples.LOOKUP_BUCKET_NS);
    long coarse = EpisodeSamples.lookupBucketNs(1_500_000_000_000_000_000L, ms(50));
    assertThat((1_500_000_000_000_000_000L + 2 * ms(50)) / coarse + 2)
        .isLessThanOrEqualTo(EpisodeSamples.MAX_BUCKETS_PER_EPISODE);
    assertThat(EpisodeSamples.lookupBucketNs(Long.MAX_VALUE, ms(50))).isPositive();
  }

  private static org.apache.spark.sql.types.StructField field(String name, String type) {
    return org.apache.spark.sql.types.DataTypes.createStructField(name,
        org.apache.spark.sql.types.DataType.fromDDL(type), true);
  }

  @Test
  void fromSessionSamplesToWideTimesteps() {
    // Two streams of one session, the wrench on a device clock 2 ms behind; head camera frames as the grid.
    Dataset<Row> samples = spark().sql("SELECT 's1' AS session_id, stream, ts_ns, seq, values, clock_offset_ns "
        + "FROM VALUES "
        + "('joints', 990000000L, 0L, array(0.0D), 0L), ('joints', 1010000000L, 1L, array(2.0D), 0L), "
        + "('joints', 1030000000L, 2L, array(4.0D), 0L), "
        + "('wrench', 998000000L, 0L, array(1.0D, 1.0D, 1.0D, 0.0D, 0.0D, 0.0D), 2000000L), "
        + "('cmd', 500000000L, 0L, array(9.0D), 0L) "
        + "AS t(stream, ts_ns, seq, values, clock_offset_ns)");
    Dataset<Row> frames = spark().sql("SELECT 's1' AS session_id, ts_ns FROM VALUES (1000000000L), (1020000000L), "
        + "(1040000000L) AS t(ts_ns)");
    AlignmentConfig config = AlignmentConfig.builder().stream("joints", StreamKind.JOINT_STATE)
        .stream("wrench", StreamKind.WRENCH).build();

    Dataset<Row> robotClock = ClockOffsets.applyColumn(samples);
    Dataset<Row> tagged = EpisodeSamples.assign(robotClock, episodes(), "session_id", config);
    Dataset<Row> grid = AlignmentGrids.fromFrameTimes(frames, episodes(), "session_id");
    Dataset<Row> wide = AlignmentPivot.wide(Alignment.align(tagged, grid, config).steps(), config.streams())
        .orderBy("step_index");

    assertThat(wide.columns()).containsExactly("episode_id", "step_index", "ts_ns", "joints", "joints_valid",
        "joints_staleness_ns", "joints_source_seq", "wrench", "wrench_valid", "wrench_staleness_ns",
        "wrench_source_seq");
    assertRows("wide timesteps", rows(
        row("e1", 0L, 1_000_000_000L, List.of(1.0), true, ms(10), 0L, List.of(1.0, 1.0, 1.0, 0.0, 0.0, 0.0), true,
            0L, 0L),
        row("e1", 1L, 1_020_000_000L, List.of(3.0), true, ms(10), 1L, null, false, null, null),
        row("e1", 2L, 1_040_000_000L, null, false, null, null, null, false, null, null)),
        rowsToJava(wide.collectAsList()));
  }

  @Test
  void clockOffsetsByStreamLeaveOtherStreamsAlone() {
    Dataset<Row> samples = spark().sql("SELECT * FROM VALUES ('a', 100L), ('b', 100L) AS t(stream, ts_ns)");
    List<Object[]> shifted = rowsToJava(ClockOffsets.applyByStream(samples, Map.of("a", -40L)).orderBy("stream")
        .collectAsList());
    assertRows("offsets by stream", rows(row("a", 60L), row("b", 100L)), shifted);
  }
}
