package ai.curate.transforms.align;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The bucketed streaming merge (the Spark plan replayed in plain Java) equals the reference exactly on many
 * random scenarios. Fast, so it can afford thousands of seeds; SparkAlignmentTest checks Spark runs the same plan.
 */
class StreamingMergePropertyTest {

  @Test
  void bucketedStreamingMergeEqualsReferenceOnRandomInputs() {
    // What the random scenarios exercised: the comparison proves little unless both outcomes occur often.
    java.util.Map<String, Long> seen = new java.util.TreeMap<>();
    for (long seed = 1; seed <= 500; seed++) {
      RandomScenarios.Scenario s = RandomScenarios.generate(seed);
      ReferenceAligner.Result expected = ReferenceAligner.align(s.samples(), s.grid(), s.config());
      ReferenceAligner.Result actual = BucketedMergeSimulator.align(s.samples(), s.grid(), s.config());
      assertThat(actual.steps()).as("steps of %s", s).isEqualTo(expected.steps());
      assertThat(actual.stats()).as("stats of %s", s).isEqualTo(expected.stats());
      for (AlignedStep step : expected.steps()) {
        seen.merge(step.valid() ? "valid steps" : "invalid steps", 1L, Long::sum);
        if (step.valid() && step.stalenessNs() == 0 && step.sampleCount() == 1) {
          seen.merge("exact hits", 1L, Long::sum);
        }
      }
      for (StreamStats stats : expected.stats()) {
        seen.merge("streams with duplicates", stats.duplicateSamples() > 0 ? 1L : 0L, Long::sum);
        seen.merge("streams out of order", stats.outOfOrder() ? 1L : 0L, Long::sum);
        seen.merge("streams with missing samples", stats.missingSamples() > 0 ? 1L : 0L, Long::sum);
      }
    }
    java.util.Map
        .of("valid steps", 10_000L, "invalid steps", 1_000L, "exact hits", 100L, "streams with duplicates", 20L,
            "streams out of order", 20L, "streams with missing samples", 20L)
        .forEach((what, least) -> assertThat(seen.getOrDefault(what, 0L)).as(what).isGreaterThan(least));
  }
}
