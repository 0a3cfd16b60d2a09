package ai.curate.retargeting.retarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ZeroPhaseFilterTest {
  private static final double FS = 30;

  @Test
  void keepsConstantsAndStraightLinesExactly() {
    ZeroPhaseFilter f = new ZeroPhaseFilter(6, FS);
    double[] c = new double[50];
    double[] line = new double[50];
    for (int i = 0; i < 50; i++) {
      c[i] = 0.7;
      line[i] = 0.3 + 0.01 * i;
    }
    f.filterInPlace(c, 0, 1, 50);
    f.filterInPlace(line, 0, 1, 50);
    for (int i = 0; i < 50; i++) {
      assertThat(c[i]).isCloseTo(0.7, within(1e-12));
      assertThat(line[i]).as("odd padding keeps a ramp a ramp at the ends too").isCloseTo(0.3 + 0.01 * i, within(1e-6));
    }
  }

  @Test
  void passesSlowMotionWithoutLagAndRemovesFastJitter() {
    ZeroPhaseFilter f = new ZeroPhaseFilter(6, FS);
    int n = 300;
    double[] slow = new double[n];
    double[] fast = new double[n];
    for (int i = 0; i < n; i++) {
      slow[i] = Math.sin(2 * Math.PI * 1.0 * i / FS);
      fast[i] = Math.sin(2 * Math.PI * 12.0 * i / FS);
    }
    double[] slowOut = slow.clone();
    double[] fastOut = fast.clone();
    f.filterInPlace(slowOut, 0, 1, n);
    f.filterInPlace(fastOut, 0, 1, n);
    // 1 Hz is far below the 6 Hz cutoff: same amplitude, and no phase shift at all (zero phase)
    for (int i = 30; i < n - 30; i++) {
      assertThat(slowOut[i]).isCloseTo(slow[i], within(0.01));
    }
    double rms = 0;
    for (int i = 30; i < n - 30; i++) {
      rms += fastOut[i] * fastOut[i];
    }
    rms = Math.sqrt(rms / (n - 60));
    // forward-backward squares the Butterworth gain: |H(12 Hz)|^2 = 1 / (1 + (tan(pi 12/30)/tan(pi 6/30))^4)
    double wc = Math.tan(Math.PI * 6 / FS);
    double w = Math.tan(Math.PI * 12 / FS);
    double expectedGain = 1 / (1 + Math.pow(w / wc, 4));
    assertThat(rms / Math.sqrt(0.5)).isCloseTo(expectedGain, within(0.01));
  }

  @Test
  void filtersOneColumnOfAnInterleavedArray() {
    ZeroPhaseFilter f = new ZeroPhaseFilter(3, FS);
    double[] data = new double[2 * 40];
    for (int i = 0; i < 40; i++) {
      data[2 * i] = 5;
      data[2 * i + 1] = i % 2 == 0 ? 1 : -1;
    }
    f.filterInPlace(data, 1, 2, 40);
    for (int i = 0; i < 40; i++) {
      assertThat(data[2 * i]).as("the other column is untouched").isEqualTo(5);
    }
    // odd padding pins each end to its sample, so judge the interior
    for (int i = 5; i < 35; i++) {
      assertThat(Math.abs(data[2 * i + 1])).as("alternating jitter is removed").isLessThan(0.1);
    }
  }

  @Test
  void rejectsACutoffAboveNyquist() {
    assertThatThrownBy(() -> new ZeroPhaseFilter(20, FS)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("half the frame rate");
  }
}
