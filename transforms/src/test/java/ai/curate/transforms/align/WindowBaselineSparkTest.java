package ai.curate.transforms.align;

import static org.assertj.core.api.Assertions.assertThat;

import ai.curate.testing.SparkTestBase;
import ai.curate.transforms.align.bench.WindowBaselineAccess;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's window baseline is a fair opponent: it computes the same answer as the transform. */
class WindowBaselineSparkTest extends SparkTestBase {

  @Test
  void windowBaselineEqualsTheReference() {
    List<RandomScenarios.Scenario> scenarios = new ArrayList<>();
    for (long seed = 301; seed <= 303; seed++) {
      scenarios.add(RandomScenarios.generate(seed, 1.0, AlignMethod.LINEAR, AlignMethod.PREVIOUS,
          AlignMethod.NEAREST));
    }
    RandomScenarios.Scenario s = RandomScenarios.combine(scenarios, AlignmentConfig.DEFAULT_BUCKET_NS, 0);
    List<AlignedStep> baseline = AlignmentRows.steps(WindowBaselineAccess.align(spark(),
        AlignmentRows.samples(spark(), s.samples()), AlignmentRows.grid(spark(), s.grid()), s.config())
        .collectAsList());
    assertThat(baseline).isEqualTo(ReferenceAligner.align(s.samples(), s.grid(), s.config()).steps());
  }
}
