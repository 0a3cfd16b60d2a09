package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamFactsTest {
  @Test
  void rotationIsNormalisedToZeroToThreeFiftyNine() {
    assertThat(StreamFacts.normalizeDegrees(0)).isZero();
    assertThat(StreamFacts.normalizeDegrees(90)).isEqualTo(90);
    assertThat(StreamFacts.normalizeDegrees(-90)).isEqualTo(270);
    assertThat(StreamFacts.normalizeDegrees(180.0000001)).isEqualTo(180);
    assertThat(StreamFacts.normalizeDegrees(-180)).isEqualTo(180);
    assertThat(StreamFacts.normalizeDegrees(450)).isEqualTo(90);
    assertThat(StreamFacts.normalizeDegrees(Double.NaN)).isZero();
  }

  @Test
  void timestampsConvertToMicrosecondsLikeJavaCv() {
    assertThat(StreamFacts.micros(512, 1, 15360)).isEqualTo(33_333);
    assertThat(StreamFacts.micros(317_952, 1, 15360)).isEqualTo(20_700_000);
    assertThat(StreamFacts.micros(90_000, 1, 90_000)).isEqualTo(1_000_000);
    // Overflowing the exact product falls back to floating point instead of wrapping around.
    assertThat(StreamFacts.micros(Long.MAX_VALUE / 1000, 1, 1_000_000)).isPositive();
  }
}
