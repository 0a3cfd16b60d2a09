package ai.curate.retargeting.retarget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.curate.retargeting.kinematics.Rotations;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandFramesTest {

  @Test
  void wristFrameDoesNotDependOnWhereTheCameraIs() {
    double[] hand = RetargetFixtures.humanKeypoints().get(200);
    double[] reference = new double[63];
    assertThat(HandFrames.toWristFrame(hand, true, reference)).isTrue();
    Random random = new Random(1);
    double[] rot = new double[9];
    for (int trial = 0; trial < 10; trial++) {
      Rotations.fromRpy(6 * random.nextDouble(), 3 * random.nextDouble() - 1.5, 6 * random.nextDouble(), rot, 0);
      double[] camera = new double[63];
      for (int i = 0; i < 21; i++) {
        Rotations.apply(rot, 0, hand, 3 * i, camera, 3 * i);
        camera[3 * i] += 0.1;
        camera[3 * i + 1] -= 0.2;
        camera[3 * i + 2] += 0.6;
      }
      double[] out = new double[63];
      assertThat(HandFrames.toWristFrame(camera, true, out)).isTrue();
      for (int i = 0; i < 63; i++) {
        assertThat(out[i]).isCloseTo(reference[i], within(1e-12));
      }
    }
  }

  @Test
  void estimatedFrameIsCloseToTheManoFrameOfTheFixture() {
    double[] hand = RetargetFixtures.humanKeypoints().get(0);
    double[] out = new double[63];
    HandFrames.toWristFrame(hand, true, out);
    // same wrist origin, z through the middle MCP, thumb on the +y side, fingers curling to +x
    assertThat(out[3 * 9]).isCloseTo(0, within(1e-12));
    assertThat(out[3 * 9 + 1]).isCloseTo(0, within(1e-12));
    assertThat(out[3 * 4 + 1]).isGreaterThan(0.05);
    assertThat(out[3 * 20 + 1]).isLessThan(-0.03);
    assertThat(out[3 * 12]).isGreaterThan(0.03);
  }

  @Test
  void aMirroredLeftHandGetsTheMirroredCoordinates() {
    double[] right = RetargetFixtures.humanKeypoints().get(300);
    double[] left = right.clone();
    for (int i = 0; i < 21; i++) {
      left[3 * i + 1] = -left[3 * i + 1];
    }
    double[] r = new double[63];
    double[] l = new double[63];
    HandFrames.toWristFrame(right, true, r);
    HandFrames.toWristFrame(left, false, l);
    for (int i = 0; i < 21; i++) {
      assertThat(l[3 * i]).isCloseTo(r[3 * i], within(1e-12));
      assertThat(l[3 * i + 1]).isCloseTo(-r[3 * i + 1], within(1e-12));
      assertThat(l[3 * i + 2]).isCloseTo(r[3 * i + 2], within(1e-12));
    }
  }

  @Test
  void degenerateHandIsRefused() {
    assertThat(HandFrames.toWristFrame(new double[63], true, new double[63])).isFalse();
  }
}
