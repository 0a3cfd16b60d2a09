package ai.curate.jobs.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

class FrameSignalCalculatorTest {
  private static final int W = 16;
  private static final int H = 10;
  private final VideoAnalysisOptions options = VideoAnalysisOptions.defaults();

  private static byte[] image(int stride, IntBinaryOperator luma) {
    byte[] pixels = new byte[stride * H];
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        pixels[y * stride + x] = (byte) luma.applyAsInt(x, y);
      }
    }
    return pixels;
  }

  @Test
  void uniformGreyHasItsLevelAsBrightnessAndNoContrastOrSharpness() {
    FrameSignals s = new FrameSignalCalculator(options, W, H).next(0, 0, true, image(W, (x, y) -> 200), W);

    assertThat(s.brightness()).isEqualTo(200.0);
    assertThat(s.contrast()).isZero();
    assertThat(s.sharpness()).isZero();
    assertThat(s.diffFromPrevious()).isNull();
    assertThat(s.sceneScore()).isNull();
    assertThat(s.frozen()).isFalse();
    assertThat(s.black()).isFalse();
    assertThat(s.sceneCut()).isFalse();
  }

  @Test
  void halfBlackHalfWhiteHasMeanAndStdOfTwoLevels() {
    FrameSignals s = new FrameSignalCalculator(options, W, H).next(0, 0, true, image(W, (x, y) -> x < W / 2 ? 0 : 255),
        W);

    assertThat(s.brightness()).isEqualTo(127.5);
    assertThat(s.contrast()).isCloseTo(127.5, within(1e-9));
  }

  @Test
  void sharpnessIsTheVarianceOfTheFourNeighbourLaplacian() {
    // A checkerboard: every interior Laplacian is +-4*255 (4 neighbours of the other colour), mean 0.
    FrameSignals s = new FrameSignalCalculator(options, W, H).next(0, 0, true,
        image(W, (x, y) -> (x + y) % 2 == 0 ? 0 : 255), W);

    assertThat(s.sharpness()).isCloseTo(Math.pow(4 * 255, 2), within(1e-6));
  }

  @Test
  void aBlurredEdgeIsLessSharpThanAHardEdge() {
    FrameSignals hard = new FrameSignalCalculator(options, W, H).next(0, 0, true,
        image(W, (x, y) -> x < W / 2 ? 40 : 220), W);
    FrameSignals soft = new FrameSignalCalculator(options, W, H).next(0, 0, true,
        image(W, (x, y) -> (int) Math.round(40 + 180 / (1 + Math.exp(-(x - W / 2.0 + 0.5))))), W);

    assertThat(soft.sharpness()).isGreaterThan(0).isLessThan(hard.sharpness());
  }

  @Test
  void rowPaddingBeyondTheWidthIsIgnored() {
    int stride = W + 7;
    byte[] padded = image(stride, (x, y) -> 100);
    for (int y = 0; y < H; y++) {
      for (int x = W; x < stride; x++) {
        padded[y * stride + x] = (byte) 255;
      }
    }
    FrameSignals s = new FrameSignalCalculator(options, W, H).next(0, 0, true, padded, stride);

    assertThat(s.brightness()).isEqualTo(100.0);
    assertThat(s.sharpness()).isZero();
  }

  @Test
  void differenceFromPreviousFlagsFrozenFramesAndSceneCuts() {
    FrameSignalCalculator calculator = new FrameSignalCalculator(options, W, H);
    FrameSignals first = calculator.next(0, 0, true, image(W, (x, y) -> 10 * x), W);
    FrameSignals same = calculator.next(1, 33_333, false, image(W, (x, y) -> 10 * x), W);
    FrameSignals cut = calculator.next(2, 66_666, false, image(W, (x, y) -> 250 - 10 * x), W);

    assertThat(first.diffFromPrevious()).isNull();
    assertThat(same.diffFromPrevious()).isZero();
    assertThat(same.maxDiffFromPrevious()).isZero();
    assertThat(same.frozen()).isTrue();
    assertThat(same.sceneCut()).isFalse();
    // |10x - (250 - 10x)| averaged over x = 0..15: mean of |20x - 250|.
    double expected = 0;
    for (int x = 0; x < W; x++) {
      expected += Math.abs(20 * x - 250);
    }
    expected /= W;
    assertThat(cut.diffFromPrevious()).isCloseTo(expected, within(1e-9));
    assertThat(cut.sceneScore()).isCloseTo(expected * 100 / 256, within(1e-9));
    assertThat(cut.maxDiffFromPrevious()).isEqualTo(250);
    assertThat(cut.sceneCut()).isTrue();
    assertThat(cut.frozen()).isFalse();
  }

  @Test
  void aSmallChangeInAFewPixelsIsNotFrozenButSensorLevelNoiseIs() {
    FrameSignalCalculator calculator = new FrameSignalCalculator(options, W, H);
    calculator.next(0, 0, true, image(W, (x, y) -> 100), W);
    FrameSignals noise = calculator.next(1, 1, false, image(W, (x, y) -> 100 + (x + y) % 3), W);
    FrameSignals handMoved = calculator.next(2, 2, false,
        image(W, (x, y) -> x == 3 && y == 4 ? 140 : 100 + (x + y) % 3), W);

    assertThat(noise.maxDiffFromPrevious()).isEqualTo(2);
    assertThat(noise.frozen()).isTrue();
    // One pixel of 160 changed: the mean difference is tiny, yet the frame is not frozen.
    assertThat(handMoved.diffFromPrevious()).isLessThan(0.5);
    assertThat(handMoved.frozen()).isFalse();
  }

  @Test
  void steadyMotionIsNotASceneCut() {
    FrameSignalCalculator calculator = new FrameSignalCalculator(options, W, H);
    FrameSignals last = null;
    for (int t = 0; t < 6; t++) {
      int shift = t;
      last = calculator.next(t, t * 33_333L, false, image(W, (x, y) -> ((x + shift) % W) * 16), W);
    }
    // Every step moves the same amount: large difference, but no change in difference (scdet's min rule).
    assertThat(last.diffFromPrevious()).isGreaterThan(20);
    assertThat(last.sceneScore()).isLessThan(1);
    assertThat(last.sceneCut()).isFalse();
  }

  @Test
  void blackFrameNeedsNearlyAllPixelsDark() {
    FrameSignalCalculator calculator = new FrameSignalCalculator(options, W, H);
    FrameSignals black = calculator.next(0, 0, true, image(W, (x, y) -> 20), W);
    // 4 bright pixels of 160 = 2.5% > the 2% a black frame may have.
    FrameSignals notBlack = calculator.next(1, 1, false, image(W, (x, y) -> y == 0 && x < 4 ? 255 : 20), W);

    assertThat(black.black()).isTrue();
    assertThat(notBlack.black()).isFalse();
  }

  @Test
  void rejectsABufferThatIsTooSmall() {
    FrameSignalCalculator calculator = new FrameSignalCalculator(options, W, H);

    assertThatThrownBy(() -> calculator.next(0, 0, true, new byte[W * H - 1], W))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too small");
  }
}
