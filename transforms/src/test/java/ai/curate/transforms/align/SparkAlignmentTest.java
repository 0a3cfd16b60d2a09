package ai.curate.transforms.align;

import static ai.curate.transforms.align.AlignFixtures.ms;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.spark_partition_id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.curate.testing.SparkTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The Spark transform equals the reference exactly: on every edge case and on random inputs. */
class SparkAlignmentTest extends SparkTestBase {

  private ReferenceAligner.Result runSpark(List<Sample> samples, List<GridPoint> grid, AlignmentConfig config) {
    return runSpark(AlignmentRows.samples(spark(), samples), AlignmentRows.grid(spark(), grid), config);
  }

  private ReferenceAligner.Result runSpark(Dataset<Row> samples, Dataset<Row> grid, AlignmentConfig config) {
    AlignmentResult result = Alignment.align(samples, grid, config).persist();
    try {
      return new ReferenceAligner.Result(AlignmentRows.steps(result.steps().collectAsList()),
          AlignmentRows.stats(result.streamStats().collectAsList()));
    } finally {
      result.unpersist();
    }
  }

  private static void assertSameAsReference(ReferenceAligner.Result actual, List<Sample> samples,
      List<GridPoint> grid, AlignmentConfig config, Object context) {
    ReferenceAligner.Result expected = ReferenceAligner.align(samples, grid, config);
    assertThat(actual.steps()).as("steps of %s", context).isEqualTo(expected.steps());
    assertThat(actual.stats()).as("stats of %s", context).isEqualTo(expected.stats());
  }

  @Test
  void everyEdgeCaseMatchesTheReference() {
    EdgeCases edgeCases = EdgeCases.all();
    // Buckets (4 ms) shorter than most max gaps: samples are copied into several buckets, the hard case.
    AlignmentConfig config = new AlignmentConfig(edgeCases.config().policies(), ms(4), 3);
    ReferenceAligner.Result actual = runSpark(edgeCases.samples(), edgeCases.grid(), config);
    assertSameAsReference(actual, edgeCases.samples(), edgeCases.grid(), config, "edge cases");

    // Spot checks, so that a reference and a transform wrong in the same way would still fail here.
    AlignedStep duplicate = find(actual.steps(), "duplicates", 1, "cmd");
    assertThat(duplicate.values()).containsExactly(7.0);
    assertThat(duplicate.sourceSeq()).isEqualTo(5L);
    assertThat(find(actual.steps(), "nan", 0, "joints").values()).containsExactly(10.0);
    assertThat(find(actual.steps(), "camera_drops", 4, "cam").valid()).isFalse();
    assertThat(actual.stats()).contains(new StreamStats("out_of_order", "joints", 4, 0, 0, 1),
        new StreamStats("duplicates", "cmd", 4, 0, 2, 0), new StreamStats("nan", "joints", 3, 1, 0, 0));
  }

  @Test
  void samplesOfStreamsWithoutAPolicyAreIgnored() {
    EdgeCases edgeCases = EdgeCases.all();
    List<Sample> withStrangers = new ArrayList<>(edgeCases.samples());
    for (Sample s : edgeCases.samples()) {
      withStrangers.add(new Sample(s.episodeId(), "not_configured", s.tsNs(), s.seq(), s.values()));
    }

    ReferenceAligner.Result actual = runSpark(withStrangers, edgeCases.grid(), edgeCases.config());

    assertSameAsReference(actual, edgeCases.samples(), edgeCases.grid(), edgeCases.config(), "with strangers");
    assertThat(actual.steps()).noneMatch(step -> step.stream().equals("not_configured"));
  }

  @Test
  void randomInputsMatchTheReferenceExactly() {
    List<RandomScenarios.Scenario> scenarios = new ArrayList<>();
    for (long seed = 101; seed <= 110; seed++) {
      scenarios.add(RandomScenarios.generate(seed));
    }
    for (long bucketNs : new long[] {ms(5), ms(700)}) {
      RandomScenarios.Scenario s = RandomScenarios.combine(scenarios, bucketNs, 3);
      ReferenceAligner.Result actual = runSpark(s.samples(), s.grid(), s.config());
      assertSameAsReference(actual, s.samples(), s.grid(), s.config(), "seeds 101..110, bucket " + bucketNs);
      assertThat(actual.steps().stream().filter(AlignedStep::valid).count()).isGreaterThan(1_000);
    }
  }

  @Test
  void floatValuesIntegerStepIndexAndClockOffsetColumnAreAccepted() {
    Dataset<Row> deviceClock = spark().sql("SELECT 'ep' AS episode_id, 'wrench' AS stream, "
        + "CAST(ts_ms * 1000000 AS BIGINT) AS ts_ns, CAST(ts_ms / 10 AS BIGINT) AS seq, "
        + "array(CAST(ts_ms AS FLOAT), CAST(1.5 AS FLOAT)) AS values, 3000000L AS clock_offset_ns "
        + "FROM VALUES (0), (10), (20) AS t(ts_ms)");
    Dataset<Row> grid = spark().sql("SELECT 'ep' AS episode_id, CAST(step AS INT) AS step_index, "
        + "CAST(ts_ms * 1000000 AS BIGINT) AS ts_ns FROM VALUES (0, 3), (1, 8), (2, 13) AS g(step, ts_ms)");
    AlignmentConfig config = AlignmentConfig.builder().stream("wrench", StreamKind.WRENCH).build();

    List<AlignedStep> steps = runSpark(ClockOffsets.applyColumn(deviceClock), grid, config).steps();
    assertThat(steps).extracting(s -> s.values()[0]).containsExactly(0.0, 5.0, 10.0);
    assertThat(steps.get(1).values()).containsExactly(5.0, 1.5);
    assertThat(steps).extracting(AlignedStep::stalenessNs).containsExactly(0L, ms(5), 0L);

    List<AlignedStep> byStream = runSpark(ClockOffsets.applyByStream(deviceClock.drop("clock_offset_ns"),
        Map.of("wrench", ms(3))), grid, config).steps();
    assertThat(byStream).isEqualTo(steps);
  }

  @Test
  void nullClockOffsetFailsWithAClearMessage() {
    Dataset<Row> samples = spark().sql("SELECT 'ep' AS episode_id, 'w' AS stream, 0L AS ts_ns, 0L AS seq, "
        + "array(1.0D) AS values, CAST(NULL AS BIGINT) AS clock_offset_ns");
    assertThatThrownBy(() -> ClockOffsets.applyColumn(samples).collectAsList())
        .hasStackTraceContaining("column 'clock_offset_ns' is null");
  }

  @Test
  void oneLongEpisodeSpreadsOverManyTasks() {
    // 20 minutes at 10 Hz in one episode, 1-minute buckets: 20 groups that hash to different partitions.
    List<Sample> samples = new ArrayList<>();
    List<GridPoint> grid = new ArrayList<>();
    for (int i = 0; i < 12_000; i++) {
      samples.add(new Sample("long", "joints", i * ms(100), i, new double[] {i}));
      if (i % 3 == 0) {
        grid.add(new GridPoint("long", i / 3, i * ms(100) + ms(50)));
      }
    }
    AlignmentConfig config = AlignmentConfig.builder().stream("joints", StreamPolicy.linear(ms(60)))
        .bucketNs(60_000 * StreamPolicy.MILLIS).partitions(8).build();
    Dataset<Row> steps = Alignment.align(AlignmentRows.samples(spark(), samples), AlignmentRows.grid(spark(), grid),
        config).steps();
    long tasksWithOutput = steps.select(spark_partition_id().as("task")).distinct().count();
    assertThat(tasksWithOutput).as("partitions holding the long episode").isGreaterThanOrEqualTo(5);
    assertThat(steps.filter(col("valid")).count()).isEqualTo(grid.size());
  }

  @Test
  void sqlBucketArithmeticEqualsMathFloorDiv() {
    long bucket = 60_000_000_000L;
    long[] values = {0, 1, -1, bucket, -bucket, bucket - 1, -bucket + 1, 1_700_000_000_123_456_789L,
        -1_700_000_000_123_456_789L, Long.MAX_VALUE / 2, Long.MIN_VALUE / 2};
    for (long x : values) {
      long viaSql = spark().sql("SELECT " + Alignment.floorDiv(x + "L", bucket) + " AS b").first().getLong(0);
      assertThat(viaSql).as("floorDiv(%d, %d)", x, bucket).isEqualTo(Math.floorDiv(x, bucket));
    }
  }

  @Test
  void missingOrMistypedColumnsFailBeforeRunningAnything() {
    Dataset<Row> noSeq = spark().sql("SELECT 'e' AS episode_id, 's' AS stream, 0L AS ts_ns, array(1.0D) AS values");
    Dataset<Row> grid = AlignmentRows.grid(spark(), List.of(new GridPoint("e", 0, 0)));
    AlignmentConfig config = AlignmentConfig.builder().stream("s", StreamKind.TACTILE).build();
    assertThatThrownBy(() -> Alignment.align(noSeq, grid, config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("samples input is not usable: column 'seq' is missing");
    Dataset<Row> stringTs = spark().sql("SELECT 'e' AS episode_id, 0L AS step_index, '0' AS ts_ns");
    assertThatThrownBy(() -> Alignment.align(AlignmentRows.samples(spark(), List.of()), stringTs, config))
        .hasMessageContaining("column 'ts_ns' is string, expected an integral type");
  }

  @Test
  void stepsCanBeChainedWithDatasetTransform() {
    List<Sample> samples = List.of(new Sample("e", "cmd", 0, 0, new double[] {2.0}));
    Dataset<Row> grid = AlignmentRows.grid(spark(), List.of(new GridPoint("e", 0, ms(10))));
    AlignmentConfig config = AlignmentConfig.builder().stream("cmd", StreamKind.JOINT_COMMAND).build();
    Dataset<Row> steps = AlignmentRows.samples(spark(), samples).transform(Alignment.onGrid(grid, config));
    assertThat(steps.schema().fieldNames()).containsExactly(AlignmentColumns.STEPS_SCHEMA.fieldNames());
    assertThat(AlignmentRows.steps(steps.collectAsList()).get(0).values()).containsExactly(2.0);
  }

  private static AlignedStep find(List<AlignedStep> steps, String episode, long stepIndex, String stream) {
    return steps.stream().filter(s -> s.episodeId().equals(episode) && s.stepIndex() == stepIndex
        && s.stream().equals(stream)).findFirst().orElseThrow();
  }
}
