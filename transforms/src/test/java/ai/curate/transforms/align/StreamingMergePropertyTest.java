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
    long validSteps = 0;
    long invalidSteps = 0;
    long exactHits = 0;
    long withDuplicates = 0;
    long withOutOfOrder = 0;
    long withMissing = 0;
    for (long seed = 1; seed <= 500; seed++) {
      RandomScenarios.Scenario s = RandomScenarios.generate(seed);
      ReferenceAligner.Result expected = ReferenceAligner.align(s.samples(), s.grid(), s.config());
      ReferenceAligner.Result actual = BucketedMergeSimulator.align(s.samples(), s.grid(), s.config());
      assertThat(actual.steps()).as("steps of %s", s).isEqualTo(expected.steps());
      assertThat(actual.stats()).as("stats of %s", s).isEqualTo(expected.stats());
      for (AlignedStep step : expected.steps()) {
        if (step.valid()) {
          validSteps++;
          if (step.stalenessNs() == 0 && step.sampleCount() == 1) {
            exactHits++;
          }
        } else {
          invalidSteps++;
        }
      }
      for (StreamStats stats : expected.stats()) {
        withDuplicates += stats.duplicateSamples() > 0 ? 1 : 0;
        withOutOfOrder += stats.outOfOrder() ? 1 : 0;
        withMissing += stats.missingSamples() > 0 ? 1 : 0;
      }
    }
    // The generator must exercise both outcomes, or the comparison proves little.
    assertThat(validSteps).isGreaterThan(10_000);
    assertThat(invalidSteps).isGreaterThan(1_000);
    assertThat(exactHits).isGreaterThan(100);
    assertThat(withDuplicates).isGreaterThan(20);
    assertThat(withOutOfOrder).isGreaterThan(20);
    assertThat(withMissing).isGreaterThan(20);
  }
}
