package ai.curate.quality.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ThresholdTest {
  @Test
  void atMostIncludesTheBound() {
    Threshold t = Threshold.atMost(0.05);
    assertThat(t.holds(0.05)).isTrue();
    assertThat(t.holds(0.0500001)).isFalse();
    assertThat(t.holds(-3.0)).isTrue();
    assertThat(t.text()).isEqualTo("<= 0.05");
  }

  @Test
  void atLeastAndStrictComparisons() {
    assertThat(Threshold.atLeast(1).holds(1.0)).isTrue();
    assertThat(Threshold.atLeast(1).holds(0.999)).isFalse();
    assertThat(Threshold.below(30).holds(29.0)).isTrue();
    assertThat(Threshold.below(30).holds(30.0)).isFalse();
    assertThat(Threshold.above(0).holds(0.0)).isFalse();
    assertThat(Threshold.above(0).holds(1e-9)).isTrue();
    assertThat(Threshold.below(30).text()).isEqualTo("< 30");
  }

  @Test
  void betweenIsInclusiveOnBothEnds() {
    Threshold t = Threshold.between(2, 600);
    assertThat(t.holds(2.0)).isTrue();
    assertThat(t.holds(600.0)).isTrue();
    assertThat(t.holds(1.99)).isFalse();
    assertThat(t.holds(600.01)).isFalse();
    assertThat(t.text()).isEqualTo("between 2 and 600");
    assertThatThrownBy(() -> Threshold.between(5, 1)).hasMessageContaining("min is above max");
  }

  @Test
  void missingOrNanValuesNeverPass() {
    for (Threshold t : new Threshold[] {Threshold.atMost(1), Threshold.atLeast(0), Threshold.between(0, 1),
        Threshold.above(-1), Threshold.below(10)}) {
      assertThat(t.holds(null)).as("%s on null", t).isFalse();
      assertThat(t.holds(Double.NaN)).as("%s on NaN", t).isFalse();
    }
  }

  @Test
  void numbersPrintWithoutNoise() {
    assertThat(Threshold.format(30.0)).isEqualTo("30");
    assertThat(Threshold.format(0.1 + 0.2)).isEqualTo("0.30000000000000004");
    assertThat(Threshold.format(1e-3)).isEqualTo("0.001");
    assertThat(Threshold.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
  }
}
